"""A signed-in member manages the lists of their locals on "My union": ticking a list
subscribes a verified address at once (no confirmation email), unticking unsubscribes it;
another local's list (not offered) cannot be subscribed to by posting its id."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from alerts.models import MailingList, Subscription, Topic
from members.models import Membership
from tests.conftest import make_home
from tests.db import kept_data
from tests.locals.helpers import build_locals_tree
from tests.smtp import SMTPServer

pytestmark = pytest.mark.clock  # My union's meetings are dated from today


@pytest.fixture
def smtp(settings):
    """tests/smtp.py's real SMTP server (tests/alerts/smtp.py is being retired)."""
    with SMTPServer() as server:
        settings.MAILERS = server.mailers()
        yield server.sink


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with kept_data(django_db_blocker), django_db_blocker.unblock():
        tree = build_locals_tree(make_home())
        user = get_user_model().objects.create_user(username="rosa", email="rosa@example.org")
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        Membership.objects.create(user=user, local=tree.local12, source="roster")
        yield {
            "user": user,
            "news12": MailingList.objects.create(local=tree.local12, topic=Topic.NEWS,
                                                 name="Local 12: news"),
            "team12": MailingList.objects.create(local=tree.local12, topic=Topic.ACTIONS,
                                                 name="Local 12 Member Action Team"),
            "news212": MailingList.objects.create(local=tree.local212, topic=Topic.NEWS,
                                                  name="Local 212: news"),
        }  # fmt: skip


def test_a_member_subscribes_and_unsubscribes_their_locals_lists(client, world, db, smtp):
    client.force_login(world["user"])
    page = client.get("/my-union/").content.decode()
    assert "Email from your union" in page
    assert "Local 12: news" in page and "Local 12 Member Action Team" in page
    assert "Local 212: news" not in page
    lists = [world["news12"].pk, world["team12"].pk, world["news212"].pk]
    response = client.post("/alerts/my-lists/", {"lists": lists})
    assert response.status_code == 302 and response["Location"].endswith("#email-lists")
    rows = dict(Subscription.objects.filter(email="rosa@example.org")
                .values_list("mailing_list__name", "status"))  # fmt: skip
    assert rows == {"Local 12: news": "confirmed", "Local 12 Member Action Team": "confirmed"}
    assert smtp.messages == []  # verified: no confirmation email
    page = client.get("/my-union/").content.decode()
    assert page.count(" checked>") == 2
    client.post("/alerts/my-lists/", {"lists": [world["team12"].pk]})
    news = Subscription.objects.get(email="rosa@example.org", mailing_list=world["news12"])
    assert news.status == Subscription.UNSUBSCRIBED


def test_an_unverified_address_must_confirm(
    client, world, db, smtp, django_capture_on_commit_callbacks
):
    EmailAddress.objects.filter(user=world["user"]).update(verified=False)
    client.force_login(world["user"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/alerts/my-lists/", {"lists": [world["news12"].pk]})
    [confirmation] = smtp.wait_for(1)
    assert confirmation.rcpt_tos == ["rosa@example.org"]
    assert Subscription.objects.get(email="rosa@example.org").status == Subscription.PENDING


def test_signed_out_visitors_cannot_post(client, world, db):
    response = client.post("/alerts/my-lists/", {"lists": [world["news12"].pk]})
    assert response.status_code == 302 and not Subscription.objects.exists()
