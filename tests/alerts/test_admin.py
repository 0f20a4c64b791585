"""Lists, subscribers and notices in the admin: a local's staff see their local's, the
International's Communications staff the International's, another local's staff a 404, and
the sender sees a notice's progress (queued, sent, failed, bounced)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from locals.provisioning import provision_international
from tests.conftest import make_home
from tests.db import kept_data
from tests.locals.helpers import build_locals_tree, login_as_local_editor, login_as_local_moderator

from .factories import owned_list, owned_notice

pytestmark = pytest.mark.clock  # the notices' times


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with kept_data(django_db_blocker), django_db_blocker.unblock():
        tree = build_locals_tree(make_home())
        provision_international(tree.home)
        yield {
            "list212": owned_list("212", "Local 212 news list"),
            "list12": owned_list("12", "Local 12 news list"),
            "international": owned_list("international", "International news list"),
            "notice212": owned_notice("212", "Local 212 strike vote"),
        }


def test_a_locals_staff_see_their_lists_subscribers_and_notice_progress(client, world, db):
    login_as_local_moderator(client, 212)
    lists = client.get(reverse("alerts_admin:lists")).content.decode()
    assert "Local 212 news list" in lists
    assert "Local 12 news list" not in lists and "International news list" not in lists
    subscribers = client.get(reverse("alerts_admin:subscribers", args=[world["list212"].pk]))
    assert "zephyr-212@example.org" in subscribers.content.decode()
    notices = client.get(reverse("alerts_admin:notices")).content.decode()
    assert "Local 212 strike vote" in notices
    notice = client.get(reverse("alerts_admin:notice", args=[world["notice212"].pk]))
    html = notice.content.decode()
    assert "<dt>Sent</dt><dd>1</dd>" in html and "<dt>Bounced</dt><dd>1</dd>" in html
    assert "550 zephyr no such user" in html  # why it was not delivered


def test_another_locals_staff_get_a_404_and_see_nothing(client, world, db):
    login_as_local_editor(client, 12)
    assert "Local 212" not in client.get(reverse("alerts_admin:lists")).content.decode()
    for url in (
        reverse("alerts_admin:subscribers", args=[world["list212"].pk]),
        reverse("alerts_admin:subscribers", args=[world["international"].pk]),
        reverse("alerts_admin:notice", args=[world["notice212"].pk]),
    ):
        assert client.get(url).status_code == 404
    assert "strike vote" not in client.get(reverse("alerts_admin:notices")).content.decode()
    ok = client.get(reverse("alerts_admin:subscribers", args=[world["list12"].pk]))
    assert "zephyr-12@example.org" in ok.content.decode()


def test_the_internationals_staff_see_the_internationals_lists_only(client, world, db):
    user = get_user_model().objects.create(username="comms")
    user.groups.add(Group.objects.get(name="Communications editors"))
    client.force_login(user)
    lists = client.get(reverse("alerts_admin:lists")).content.decode()
    assert "International news list" in lists and "Local 212 news list" not in lists
    url = reverse("alerts_admin:subscribers", args=[world["list212"].pk])
    assert client.get(url).status_code == 404
