"""'My data': a member sees what is stored about them, downloads it as JSON, and deletes their
account (their memberships, verification requests and feed go with it; the locals' roster rows
stay, they are the local's record)."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from members.models import Membership, PersonalFeed, RosterEntry, VerificationRequest

from . import myunion_data as data

pytestmark = pytest.mark.clock  # the demo is dated from today

User = get_user_model()


@pytest.fixture
def pat(db, demo_data):
    user = data.make_member()
    data.make_member(number=212, employer="HealthNow New York", worksite="Buffalo")
    VerificationRequest.objects.create(
        user=user,
        local=data.local(95),
        member_number="95-000123",
        last_name=data.LAST_NAME,
        postal_code="53703",
    )
    return user


def test_my_data_lists_what_is_stored(client, pat):
    client.force_login(pat)
    client.get("/my-union/")  # creates the calendar feed
    response = client.get(reverse("members:my_data"))
    assert response.status_code == 200
    html = response.content.decode()
    for value in (data.EMAIL, data.MEMBER_NUMBER, data.WORKSITE, "651-555-0190", "95-000123"):
        assert value in html
    for label in ("Local 12", "Local 212", "Local 95"):
        assert label in html
    assert "private calendar address" in html
    assert PersonalFeed.objects.get(user=pat).token not in html  # the secret is not repeated
    assert "no-store" in response["Cache-Control"]


def test_my_data_downloads_as_json(client, pat):
    client.force_login(pat)
    client.get("/my-union/")
    response = client.get(reverse("members:my_data_json"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    stored = json.loads(response.content)
    assert stored["account"]["email"] == data.EMAIL
    assert [m["local"] for m in stored["memberships"]] == ["Local 12", "Local 212"]
    rows = {row["local"]: row for row in stored["roster_entries"]}
    assert rows["Local 12"]["member_number"] == data.MEMBER_NUMBER
    assert rows["Local 12"]["worksite"] == data.WORKSITE
    assert rows["Local 212"]["employer"] == "HealthNow New York"
    (request,) = stored["verification_requests"]
    assert request["local"] == "Local 95" and request["postal_code"] == "53703"
    assert stored["calendar_feed"]["created"]


def test_my_data_needs_sign_in(client, demo_data, db):
    for name in ("members:my_data", "members:my_data_json", "members:delete_account"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and "next=" in response["Location"], name


def test_delete_needs_the_confirmation(client, pat):
    client.force_login(pat)
    response = client.post(reverse("members:delete_account"), {})
    assert response.status_code == 200
    assert "field--invalid" in response.content.decode()
    assert User.objects.filter(pk=pat.pk).exists()


def test_delete_account_removes_the_account_and_keeps_the_roster(client, pat):
    client.force_login(pat)
    client.get("/my-union/")
    feed_url = reverse("members:feed", args=[PersonalFeed.objects.get(user=pat).token])
    group = data.local(12).access.members
    assert pat.groups.filter(pk=group.pk).exists()
    assert client.get(reverse("members:delete_account")).status_code == 200
    response = client.post(reverse("members:delete_account"), {"confirm": "on"})
    assert response.status_code == 200
    assert "Your account was deleted" in response.content.decode()
    assert not User.objects.filter(pk=pat.pk).exists()
    assert not Membership.objects.filter(user_id=pat.pk).exists()
    assert not PersonalFeed.objects.filter(user_id=pat.pk).exists()
    assert not VerificationRequest.objects.filter(user_id=pat.pk).exists()
    assert not Group.objects.get(pk=group.pk).user_set.filter(pk=pat.pk).exists()
    # The locals' records stay.
    assert RosterEntry.objects.filter(email=data.EMAIL).count() == 2
    # Signed out, and the calendar address is gone.
    assert client.get("/my-union/").status_code == 302
    assert client.get(feed_url).status_code == 404


def test_staff_accounts_are_not_deleted_from_my_data(client, db, demo_data):
    staff = User.objects.get(username="local12-editor")
    client.force_login(staff)
    response = client.post(reverse("members:delete_account"), {"confirm": "on"})
    assert response.status_code == 200
    assert "an administrator of the site removes it" in response.content.decode()
    assert User.objects.filter(pk=staff.pk).exists()
