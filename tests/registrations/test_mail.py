"""The emails, read from a real SMTP server: the confirmation carries the event's .ics (the
feed's UID) and a cancel link that works without signing in; cancelling moves the first person
on the waitlist up and emails them. A mail server that is down loses no registration, and the
worker retries the mail later.

Real commits (the mail is enqueued on commit); the migration-created root page is restored for
each test."""

import logging
import re

import icalendar
import pytest
from django_tasks_db.models import DBTaskResult

from events import ical
from registrations.models import Registration
from tests.conftest import make_home
from tests.smtp import calendar_part, text_part
from tests.worker import wait_until

from .conftest import build_world, open_event

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.clock,  # the event is dated from today
]


def register(client, row, name, email):
    return client.post("/register/", {"settings": row.pk, "name": name, "email": email})


def test_confirm_waitlist_cancel_by_link_and_promotion(client, smtp):
    event = build_world(make_home())[2]
    row = open_event(event, capacity=1)

    assert "You are registered" in register(client, row, "Ana", "ana@example.org").content.decode()
    assert (
        "You are on the waitlist"
        in register(client, row, "Ben", "ben@example.org").content.decode()
    )

    [to_ana] = smtp.to("ana@example.org")
    assert to_ana["Subject"] == "You are registered: Strike School"
    attached = icalendar.Calendar.from_ical(calendar_part(to_ana).get_payload(decode=True))
    feed = icalendar.Calendar.from_ical(client.get(event.url + "calendar.ics").content)
    [attached_event] = attached.walk("VEVENT")
    [feed_event] = feed.walk("VEVENT")
    assert str(attached_event["UID"]) == str(feed_event["UID"]) == ical.uid(event)
    [to_ben] = smtp.to("ben@example.org")
    assert to_ben["Subject"] == "You are on the waitlist: Strike School"

    link = re.search(r"http://localhost(/register/cancel/\S+/)", text_part(to_ana)).group(1)
    assert "Cancel your registration?" in client.get(link).content.decode()
    assert Registration.objects.get(email="ana@example.org").status == "confirmed"  # GET is safe
    client.logout()
    done = client.post(link).content.decode()
    assert "Your registration is cancelled" in done

    statuses = dict(row.registrations.values_list("email", "status"))
    assert statuses == {"ana@example.org": "cancelled", "ben@example.org": "confirmed"}
    promoted = smtp.to("ben@example.org")[-1]
    assert promoted["Subject"].startswith("A place opened up: you are registered for Strike School")
    assert "BEGIN:VCALENDAR" in calendar_part(promoted).get_payload(decode=True).decode()
    # Cancelling again (the link clicked twice) changes nothing and says it is done.
    assert "Your registration is cancelled" in client.post(link).content.decode()
    assert len(smtp.messages) == 3
    # A tampered link is a 404.
    assert client.get(link[:-3] + "xx/").status_code == 404


def test_mail_server_down_loses_no_registration(client, settings, closed_port, caplog):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": closed_port, "timeout": 5},
        }
    }
    event = build_world(make_home())[2]
    row = open_event(event, capacity=10)
    with caplog.at_level(logging.ERROR, logger="registrations.mail"):
        response = register(client, row, "Ana", "ana@example.org")
    assert response.status_code == 200
    assert "You are registered" in response.content.decode()
    registration = Registration.objects.get(email="ana@example.org")
    assert registration.status == "confirmed" and registration.confirmation_sent_at is None
    assert "the confirmation email failed" in caplog.text
    assert "9 places left" in client.get(event.url).content.decode()


def test_the_worker_sends_the_mail_and_retries_when_the_server_is_down(
    client, smtp, closed_port, task_worker
):
    event = build_world(make_home())[2]
    row = open_event(event, capacity=10)
    worker = task_worker(EMAIL_URL=f"smtp://127.0.0.1:{smtp.port}")
    register(client, row, "Ana", "ana@example.org")
    wait_until(lambda: smtp.to("ana@example.org"), 60, "the confirmation", worker=worker)
    ana = Registration.objects.get(email="ana@example.org")
    wait_until(
        lambda: Registration.objects.get(pk=ana.pk).confirmation_sent_at is not None,
        30,
        "the sent time",
        worker=worker,
    )
    worker.stop()

    down = task_worker(EMAIL_URL=f"smtp://127.0.0.1:{closed_port}")
    register(client, row, "Ben", "ben@example.org")
    ben = Registration.objects.get(email="ben@example.org")

    def retry_queued():
        return DBTaskResult.objects.filter(
            task_path__endswith="send_registration_mail",
            status="READY",
            args_kwargs__args=[ben.pk, "confirmation", 2],
        ).exists()

    wait_until(retry_queued, 60, "the retry to be queued", worker=down)
    assert Registration.objects.get(pk=ben.pk).status == "confirmed"
    assert Registration.objects.get(pk=ben.pk).confirmation_sent_at is None
