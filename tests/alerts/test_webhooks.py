"""anymail's webhooks (Postmark's, signed with the basic-auth WEBHOOK_SECRET): a hard bounce or
a complaint stops sending to the address; an email to the List-Unsubscribe mailto
unsubscribes; without a secret configured, or with a wrong one, nothing happens."""

import base64
import json

import pytest
from django.utils import timezone

from alerts import sending, subscriptions
from alerts.models import Delivery, MailingList, Notice, Subscription, Suppression, Topic

pytestmark = pytest.mark.clock

SECRET = "hook:s3cret-value"
TRACKING = "/alerts/webhooks/postmark/tracking/"
INBOUND = "/alerts/webhooks/postmark/inbound/"


@pytest.fixture
def notice(db):
    mailing_list = MailingList.objects.create(topic=Topic.NEWS, name="International: news")
    for email in ("gone@example.org", "here@example.org"):
        subscriptions.subscribe(mailing_list, email, "test", confirmed=True)
    notice = Notice.objects.create(kind=Notice.ACTION, subject="Call today", status="sending")
    notice.mailing_lists.set([mailing_list])
    sending.populate(notice)
    Delivery.objects.update(status=Delivery.SENT, sent_at=timezone.now())
    return notice


def post(client, path, payload, secret=SECRET):
    headers = {}
    if secret:
        headers["HTTP_AUTHORIZATION"] = "Basic " + base64.b64encode(secret.encode()).decode()
    return client.post(path, json.dumps(payload), content_type="application/json", **headers)


def bounce(notice, email, kind="HardBounce"):
    delivery = notice.deliveries.get(email=email)
    return {
        "RecordType": "Bounce",
        "Type": kind,
        "ID": 42,
        "Email": email,
        "BouncedAt": "2026-01-01T10:00:00Z",
        "Description": "The server was unable to deliver your message",
        "Details": "550 5.1.1 no such user",
        "MessageID": "abc",
        "Metadata": {"notice": str(notice.pk), "delivery": str(delivery.pk)},
    }


def test_a_hard_bounce_suppresses_the_address_for_the_next_notice(client, notice, settings):
    settings.ANYMAIL = {"WEBHOOK_SECRET": SECRET}
    assert post(client, TRACKING, bounce(notice, "gone@example.org")).status_code == 200
    assert Suppression.objects.get().email == "gone@example.org"
    assert notice.deliveries.get(email="gone@example.org").status == Delivery.BOUNCED
    assert "550 5.1.1" in notice.deliveries.get(email="gone@example.org").error
    assert [email for email, _ in sending.recipients(notice)] == ["here@example.org"]


def test_a_transient_failure_changes_nothing(client, notice, settings):
    settings.ANYMAIL = {"WEBHOOK_SECRET": SECRET}
    response = post(client, TRACKING, bounce(notice, "gone@example.org", kind="Transient"))
    assert response.status_code == 200
    assert not Suppression.objects.exists()


def test_without_the_secret_nothing_is_suppressed(client, notice, settings):
    settings.ANYMAIL = {}
    assert post(client, TRACKING, bounce(notice, "gone@example.org")).status_code == 404
    settings.ANYMAIL = {"WEBHOOK_SECRET": SECRET}
    wrong = post(client, TRACKING, bounce(notice, "gone@example.org"), secret="hook:guess")
    assert wrong.status_code in (400, 403)
    assert post(client, TRACKING, bounce(notice, "gone@example.org"), secret="").status_code in (
        400,
        403,
    )
    assert not Suppression.objects.exists()


def test_mail_to_the_unsubscribe_mailbox_unsubscribes(client, notice, settings):
    settings.ANYMAIL = {"WEBHOOK_SECRET": SECRET}
    subscription = Subscription.objects.get(email="here@example.org")
    payload = {
        "FromFull": {"Email": "here@example.org", "Name": ""},
        "ToFull": [{"Email": "unsubscribe@opeiu.example", "Name": ""}],
        "Subject": f"unsubscribe {subscription.token}",
        "TextBody": "",
        "Headers": [],
    }
    assert post(client, INBOUND, payload).status_code == 200
    subscription.refresh_from_db()
    assert subscription.status == Subscription.UNSUBSCRIBED
