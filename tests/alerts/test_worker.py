"""The real thing: the task worker process (`manage.py db_worker`, tests/worker.py) sends
through a real SMTP server (aiosmtpd). A subscriber confirms by the emailed link, a moderator
publishes "cancelled" for the next Membership meeting, and each confirmed subscriber receives
exactly one email; the mail server down then back: everything arrives once; a worker killed
in the middle of a batch and started again: nobody twice, nobody missed."""

import pytest
from django.test import Client

from alerts import subscriptions
from alerts.models import Delivery, Notice, Subscription, Topic
from events.models import SeriesDateChange
from tests.conftest import make_home
from tests.smtp import SMTPServer, text_part
from tests.worker import wait_until

from .conftest import BASE_URL
from .helpers import build_world, link, next_meeting
from .test_meeting_changes import publish_as_moderator, publish_changes

pytestmark = [
    pytest.mark.clock,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def worker_settings(server, **extra):
    return {
        "EMAIL_URL": server.url,
        "ALERTS_BASE_URL": BASE_URL,
        "ALERTS_FROM_EMAIL": "OPEIU alerts <alerts@opeiu.example>",
        "ALERTS_RATE_PER_SECOND": "0",
        **extra,
    }


def notice_done():
    notice = Notice.objects.order_by("-pk").first()
    return notice is not None and notice.status == Notice.DONE


def subscribed(world, count):
    series_list = subscriptions.list_for(world.series, Topic.SERIES)
    emails = [f"member{n}@example.org" for n in range(count)]
    for email in emails:
        subscriptions.subscribe(series_list, email, "test", confirmed=True)
    return emails


def each_once(server, emails):
    received = sorted(rcpt for message in server.sink.messages for rcpt in message.rcpt_tos)
    return received == sorted(emails)


@pytest.fixture
def smtp(settings):
    """Not tests/smtp.py's fixture: the server itself, not yet started (a test starts, stops and
    starts it again), its messages in `smtp.sink`."""
    server = SMTPServer()
    settings.MAILERS = server.mailers()
    yield server
    server.stop()


def test_confirm_then_a_cancelled_meeting_reaches_each_subscriber_once(task_worker, smtp):
    smtp.start()
    world = build_world(make_home())
    worker = task_worker(**worker_settings(smtp))
    client = Client()
    for email, page, topic in (
        ("rosa@example.org", world.series, "series"),
        ("sam@example.org", world.calendar, "meetings"),
        ("pat@example.org", world.series, "series"),  # never confirms
    ):
        data = {"page": page.pk, "topic": topic, "email": email}
        assert "Check your inbox" in client.post("/alerts/subscribe/", data).content.decode()
    wait_until(lambda: smtp.sink.count() == 3, 30, "the confirmations", worker=worker)
    for email in ("rosa@example.org", "sam@example.org"):
        [confirmation] = smtp.sink.to(email)
        path = link(text_part(confirmation), "confirm").split("opeiu.example", 1)[1]
        assert "You are subscribed" in client.post(path).content.decode()

    date = next_meeting(world.series)
    publish_as_moderator(client, world.series, date, cancelled="on")
    wait_until(notice_done, 30, "the notice to be sent", worker=worker)

    assert len(smtp.sink.to("pat@example.org")) == 1  # the confirmation, nothing else
    for email in ("rosa@example.org", "sam@example.org"):
        confirmation, notice = smtp.sink.to(email)
        text = text_part(notice)
        assert f"{date:%A}, {date:%B} {date.day}, {date.year}: cancelled" in text
        assert notice["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert notice["List-Unsubscribe"].startswith(f"<{BASE_URL}/alerts/unsubscribe/")
    assert smtp.sink.count() == 5

    # The one-click POST a mail client sends, with no cookie and no CSRF token.
    rosa = Subscription.objects.get(email="rosa@example.org")
    header = smtp.sink.to("rosa@example.org")[1]["List-Unsubscribe"]
    url = header.split(">")[0].lstrip("<")
    response = Client(enforce_csrf_checks=True).post(
        url.split("opeiu.example", 1)[1], {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    rosa.refresh_from_db()
    assert rosa.status == Subscription.UNSUBSCRIBED


def test_mail_server_down_then_back_everything_arrives_once(task_worker, smtp):
    world = build_world(make_home())
    emails = subscribed(world, 5)
    worker = task_worker(
        **worker_settings(
            smtp, ALERTS_RETRY_SECONDS="0.1", ALERTS_RETRY_MAX_SECONDS="0.4",
            ALERTS_MAX_ATTEMPTS="1000",
        )
    )  # fmt: skip
    publish_changes(
        world.series, [SeriesDateChange(date=next_meeting(world.series), cancelled=True)]
    )

    def retried_while_down():
        rows = Delivery.objects.all()
        return rows.count() == 5 and all(d.attempts >= 2 and "Refused" in d.error for d in rows)

    wait_until(retried_while_down, 30, "retries while the server is down", worker=worker)
    assert smtp.sink.count() == 0
    smtp.start()
    wait_until(notice_done, 30, "the notice to be sent once the server is back", worker=worker)
    assert each_once(smtp, emails)
    assert set(Delivery.objects.values_list("status", flat=True)) == {Delivery.SENT}


def test_a_worker_killed_mid_batch_and_restarted_sends_nobody_twice_and_misses_nobody(
    task_worker, smtp
):
    smtp.start()
    smtp.sink.hold_at = 3  # the third message stays in DATA, unanswered, until released
    world = build_world(make_home())
    emails = subscribed(world, 6)
    settings_ = worker_settings(smtp, ALERTS_CLAIM_SECONDS="1")
    first = task_worker(**settings_)
    publish_changes(
        world.series, [SeriesDateChange(date=next_meeting(world.series), cancelled=True)]
    )
    wait_until(smtp.sink.holding.is_set, 30, "the third message", worker=first)
    first.kill()  # SIGKILL while the third message is being sent
    smtp.sink.release.set()
    assert smtp.sink.count() == 2
    statuses = sorted(Delivery.objects.values_list("status", flat=True))
    assert statuses == [Delivery.SENDING] * 4 + [Delivery.SENT] * 2

    second = task_worker(**settings_)
    wait_until(notice_done, 30, "the restarted worker to finish", worker=second)
    assert each_once(smtp, emails)
    assert set(Delivery.objects.values_list("status", flat=True)) == {Delivery.SENT}
