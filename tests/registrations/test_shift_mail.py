"""The shift confirmation, read from a real SMTP server: one message for the shifts chosen
together, an .ics with one VEVENT per shift (stable UIDs), a cancel link per shift that works
without signing in; a mail server that is down loses no sign-up.

Real commits (the mail is enqueued on commit); the migration-created root page is restored for
each test."""

import datetime as dt
import logging
import re

import icalendar
import pytest
from django.utils import timezone

from events import recurrence
from registrations.models import Shift, ShiftSignup
from registrations.shift_mail import shift_uid
from tests.conftest import make_home
from tests.smtp import calendar_part, text_part

from .conftest import build_world

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.clock,  # the shifts are dated from today
]


def two_shifts(event):
    date = timezone.localdate() + dt.timedelta(days=5)
    return [
        Shift.objects.create(
            page=event,
            worksite=worksite,
            starts_at=recurrence.aware(date, dt.time(hour), "America/Chicago"),
            ends_at=recurrence.aware(date, dt.time(hour + 3), "America/Chicago"),
            people_needed=2,
        )
        for hour, worksite in ((6, "Como Clinic, main entrance"), (15, "Riverside Clinic"))
    ]


def post(client, event, shifts, email="ana@example.org"):
    return client.post(
        "/shifts/signup/",
        {"page": event.pk, "shifts": [s.pk for s in shifts], "name": "Ana", "email": email},
    )


def test_one_confirmation_for_two_shifts_with_their_events_and_cancel_links(client, smtp):
    event = build_world(make_home())[2]
    early, late = two_shifts(event)
    assert "You are signed up" in post(client, event, [early, late]).content.decode()

    [message] = smtp.to("ana@example.org")
    assert message["Subject"] == "Your 2 shifts: Strike School"
    text = text_part(message)
    assert re.search(r"6:00 a\.m\. to 9:00 a\.m\. C[SD]T", text) and "Riverside Clinic" in text
    calendar = icalendar.Calendar.from_ical(calendar_part(message).get_payload(decode=True))
    events = calendar.walk("VEVENT")
    assert [str(e["UID"]) for e in events] == [shift_uid(early), shift_uid(late)]
    assert events[0].decoded("DTSTART") == early.starts_at
    assert str(events[0]["LOCATION"]) == "Como Clinic, main entrance"
    assert all(s.confirmation_sent_at for s in ShiftSignup.objects.all())

    links = re.findall(r"http://localhost(/shifts/cancel/\S+/)", text)
    assert len(links) == 2
    assert "Cancel your shift?" in client.get(links[0]).content.decode()
    assert "Your shift is cancelled" in client.post(links[0]).content.decode()
    assert list(ShiftSignup.objects.filter(cancelled_at__isnull=True).values_list(
        "shift_id", flat=True)) == [late.pk]  # fmt: skip
    assert len(smtp.messages) == 1


def test_mail_server_down_loses_no_sign_up(client, settings, closed_port, caplog):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": closed_port, "timeout": 5},
        }
    }
    event = build_world(make_home())[2]
    early, _late = two_shifts(event)
    with caplog.at_level(logging.ERROR, logger="registrations.shift_mail"):
        response = post(client, event, [early])
    assert response.status_code == 200 and "You are signed up" in response.content.decode()
    [signup] = ShiftSignup.objects.all()
    assert signup.shift_id == early.pk and signup.confirmation_sent_at is None
    assert "the confirmation failed" in caplog.text
    assert "1 of 2 people still needed" in client.get(event.url).content.decode()
