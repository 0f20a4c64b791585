"""Who works on a roster: a local's staff their own local's only (another local's roster, row,
upload or verification request named in a URL is a 404), the International's staff every
local's; and the staff's review of verification requests."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from locals.provisioning import provision_international
from members.membership import grant
from members.models import (
    Membership,
    MembershipSource,
    RosterEntry,
    RosterUpload,
    VerificationRequest,
    VerificationStatus,
)
from tests.locals.helpers import login_as_local_editor, login_as_local_moderator

from .roster_files import FIVE_ROWS, csv_bytes, upload

pytestmark = pytest.mark.clock  # uploads expire and reviews are dated with timezone.now()


@pytest.fixture(scope="module")
def tree(tree, django_db_blocker):
    """The locals tree (tests/members/conftest.py) with the International's staff groups."""
    with django_db_blocker.unblock():
        provision_international(tree.home)
    return tree


def _person(username, email):
    return get_user_model().objects.create_user(username, email=email)


@pytest.fixture
def other_local(db, tree):
    """Local 212's roster row, an upload by its editor, and a request to join it."""
    entry = RosterEntry.objects.create(
        local=tree.local212, member_number="212-1", last_name="Quorum", email="q@example.org"
    )
    editor = _person("editor212", "editor212@example.org")
    editor.groups.add(tree.local212.access.editors)
    pending = RosterUpload.objects.create(
        local=tree.local212, user=editor, file_name="212.csv", content=csv_bytes(FIVE_ROWS)
    )
    asking = VerificationRequest.objects.create(
        email="asker@example.org",
        local=tree.local212,
        member_number="212-1",
        last_name="Quorum",
        postal_code="14202",
    )
    return {"entry": entry, "upload": pending, "request": asking}


def test_a_local_never_reaches_another_locals_roster(client, tree, other_local):
    login_as_local_editor(client, 12)
    own, other = tree.local12.pk, tree.local212.pk
    entry, pending = other_local["entry"], other_local["upload"]
    asking = other_local["request"]
    for local in (own, other):
        refused = [
            ("get", reverse("members_roster:remove", args=[local, entry.pk])),
            ("post", reverse("members_roster:remove", args=[local, entry.pk])),
            ("get", reverse("members_roster:preview", args=[local, pending.token])),
            ("post", reverse("members_roster:preview", args=[local, pending.token])),
            ("post", reverse("members_roster:review", args=[local, asking.pk])),
        ]
        for method, url in refused:
            data = {"action": "approve"} if "verification" in url else {"action": "confirm"}
            assert getattr(client, method)(url, data).status_code == 404, url
    for name in ("list", "export", "upload", "history", "verification"):
        assert client.get(reverse(f"members_roster:{name}", args=[other])).status_code == 404
    html = client.get(reverse("members_roster:list", args=[own])).content.decode()
    assert "212-1" not in html and "Quorum" not in html
    assert RosterEntry.objects.filter(pk=entry.pk).exists()
    asking.refresh_from_db()
    assert asking.status == VerificationStatus.PENDING
    assert not Membership.objects.exists()
    # The roster index takes a local's staff straight to their own local.
    response = client.get(reverse("members_roster:index"))
    assert response["Location"] == reverse("members_roster:list", args=[own])


def test_an_upload_belongs_to_the_person_who_made_it(client, tree, db):
    moderator = _person("mod12", "mod12@example.org")
    moderator.groups.add(tree.local12.access.moderators)
    client.force_login(moderator)
    preview = upload(client, tree.local12, csv_bytes(FIVE_ROWS))
    login_as_local_editor(client, 12)  # a colleague of the same local
    assert client.get(preview).status_code == 404
    client.force_login(moderator)
    assert client.get(preview).status_code == 200


def test_the_internationals_staff_see_every_locals_roster(client, tree, other_local):
    user = _person("comms", "comms@example.org")
    user.groups.add(Group.objects.get(name="Communications editors"))
    client.force_login(user)
    html = client.get(reverse("members_roster:index")).content.decode()
    assert "OPEIU Local 12" in html and "OPEIU Local 212" in html
    html = client.get(reverse("members_roster:list", args=[tree.local212.pk])).content.decode()
    assert "212-1" in html


def test_a_member_without_staff_access_gets_no_roster(client, tree, other_local):
    member = _person("member", "member@example.org")
    grant(member, tree.local212, entry=other_local["entry"])
    client.force_login(member)
    response = client.get(reverse("members_roster:list", args=[tree.local212.pk]))
    assert response.status_code in (302, 403)
    assert "212-1" not in response.content.decode()


def test_the_menu_and_dashboard_show_the_roster_and_waiting_requests(client, tree, db):
    VerificationRequest.objects.create(
        email="asker12@example.org",
        local=tree.local12,
        member_number="12-1",
        last_name="Rivera",
        postal_code="10001",
    )
    login_as_local_moderator(client, 12)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("members_roster:index") in html  # the menu item
    assert "Members waiting for verification" in html and "1 request to review" in html
    assert reverse("members_roster:verification", args=[tree.local12.pk]) in html


def _request(tree, username, number="12-004217", last_name="Rivera", postal_code="10001"):
    return VerificationRequest.objects.create(
        email=f"{username}@example.org",
        local=tree.local12,
        member_number=number,
        last_name=last_name,
        postal_code=postal_code,
    )


def test_staff_approve_a_verification_request(client, tree, db):
    entry = RosterEntry.objects.create(
        local=tree.local12,
        member_number="12-004217",
        last_name="Rivera",
        postal_code="10001-2345",
        email="old.address@example.org",
    )
    matching = _request(tree, "pat", last_name="rivera")
    unknown = _request(tree, "lee", number="12-999999")
    staff = login_as_local_editor(client, 12)
    url = reverse("members_roster:verification", args=[tree.local12.pk])
    html = client.get(url).content.decode()
    assert "pat@example.org" in html and "matches the roster (active)" in html
    assert "no roster row has this member number" in html

    review = reverse("members_roster:review", args=[tree.local12.pk, matching.pk])
    response = client.post(review, {"action": "approve"}, follow=True)
    assert "pat@example.org is now a member of OPEIU Local 12" in response.content.decode()
    matching.refresh_from_db()
    # Approving makes the account (sign-in by code only) that the request's email signs in with.
    assert matching.user.email == "pat@example.org" and not matching.user.has_usable_password()
    membership = Membership.objects.get(user=matching.user, local=tree.local12)
    assert (membership.source, membership.roster_entry) == (MembershipSource.VERIFIED, entry)
    assert matching.user.groups.filter(pk=tree.local12.access.members.pk).exists()
    assert (matching.status, matching.reviewed_by) == (VerificationStatus.APPROVED, staff)
    # Reviewed once: a second click changes nothing.
    response = client.post(review, {"action": "refuse"}, follow=True)
    assert "already reviewed" in response.content.decode()
    matching.refresh_from_db()
    assert matching.status == VerificationStatus.APPROVED

    review = reverse("members_roster:review", args=[tree.local12.pk, unknown.pk])
    client.post(review, {"action": "refuse"})
    unknown.refresh_from_db()
    assert unknown.status == VerificationStatus.REFUSED
    assert unknown.user is None
    assert not Membership.objects.filter(user__email="lee@example.org").exists()
    assert client.get(review).status_code == 405
    assert client.post(review, {"action": "delete-everything"}).status_code == 404
    html = client.get(url).content.decode()
    assert "No request is waiting." in html and "lee@example.org" in html


def test_removing_a_member_deletes_their_verification_requests_to_the_local(client, tree, db):
    entry = RosterEntry.objects.create(
        local=tree.local12, member_number="12-004217", last_name="Rivera", email="pat@example.org"
    )
    staff = login_as_local_editor(client, 12)
    # Pat was verified once under another address (now their account's), asked again from a
    # third one, and is on the roster; another member's request and Pat's to Local 212 stay.
    account = _person("pat", "pat.home@example.org")
    approved = _request(tree, "pat.home")
    approved.user, approved.status, approved.reviewed_by = account, "approved", staff
    approved.save()
    grant(account, tree.local12, entry=entry, source=MembershipSource.VERIFIED)
    by_email = _request(tree, "pat", number="12-000000")
    by_number = _request(tree, "pat.work")
    others = [
        _request(tree, "lee", number="12-999999", last_name="Lee"),
        VerificationRequest.objects.create(
            email="pat@example.org",
            local=tree.local212,
            member_number="212-7",
            last_name="Rivera",
            postal_code="14202",
        ),
    ]

    remove = reverse("members_roster:remove", args=[tree.local12.pk, entry.pk])
    assert "verification requests to this local are deleted" in client.get(remove).content.decode()
    client.post(remove)
    gone = VerificationRequest.objects.filter(pk__in=[approved.pk, by_email.pk, by_number.pk])
    assert not gone.exists()
    assert VerificationRequest.objects.filter(pk__in=[o.pk for o in others]).count() == 2
    assert not Membership.objects.filter(user=account).exists()
    html = client.get(reverse("members_roster:verification", args=[tree.local12.pk]))
    html = html.content.decode()
    assert "lee@example.org" in html
    for address in ("pat@example.org", "pat.home@example.org", "pat.work@example.org"):
        assert address not in html


def test_a_revoked_membership_takes_its_reviewed_requests_along(tree, db):
    from members.membership import revoke

    account = _person("sam", "sam@example.org")
    reviewed = _request(tree, "sam")
    reviewed.user, reviewed.status = account, VerificationStatus.APPROVED
    reviewed.save()
    grant(account, tree.local12, source=MembershipSource.VERIFIED)
    asked_since = _request(tree, "sam", number="12-123456")
    revoke(account, tree.local12)
    assert not VerificationRequest.objects.filter(pk=reviewed.pk).exists()
    # Asked after (a pending request): kept for the staff to review.
    assert VerificationRequest.objects.filter(pk=asked_since.pk).exists()
