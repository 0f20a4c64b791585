"""Retention: REGISTRATIONS_RETENTION_DAYS after an event or series date ends, its registrants'
names, emails and phones are deleted by `manage.py purge_registrations` (the numbers and check-in
times stay, the host link goes); before that nothing is touched, and a second run changes
nothing. The clock is frozen at chosen moments around the event's end."""

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from registrations import checkin
from registrations.models import CheckInLink, Registration

from .conftest import open_event

pytestmark = pytest.mark.clock  # the event is dated from today


def purge(*args):
    out = StringIO()
    call_command("purge_registrations", *args, stdout=out)
    return out.getvalue()


def people(row):
    return list(row.registrations.order_by("pk").values_list("name", "email", "phone", "status"))


def test_personal_data_goes_after_the_retention_period(event, series, settings):
    settings.REGISTRATIONS_RETENTION_DAYS = 30
    row = open_event(event, capacity=1)
    kept = [
        ("Ada Lovelace", "ada@example.org", "612 555 0100", "confirmed"),
        ("Ben Okri", "ben@example.org", "", "waitlisted"),
        ("Cleo Gone", "cleo@example.org", "", "cancelled"),
    ]
    for name, email, phone, status in kept:
        Registration.objects.create(
            settings=row, name=name, email=email, phone=phone, status=status
        )
    checkin.add_walk_in(row, name="Dee Door", phone="651 555 0101")
    checkin.create_link(row)
    # A series date in the future: its registrant is kept whatever happens to the event.
    today = timezone.localdate()
    later = next(
        d for d in series.dates(today + dt.timedelta(days=120)) if d > today + dt.timedelta(days=60)
    )
    series_row = open_event(series, date=later, capacity=5)
    Registration.objects.create(
        settings=series_row, name="Eve Later", email="eve@example.org", status="confirmed"
    )

    due = checkin.entry_end(event, None) + dt.timedelta(days=30)
    with time_machine.travel(due - dt.timedelta(minutes=1), tick=False):
        assert "Deleted the personal data of 0 registration(s)" in purge()
        assert people(row)[:3] == kept

    with time_machine.travel(due + dt.timedelta(hours=1), tick=False):
        assert "Would delete the personal data of 4" in purge("--dry-run")
        assert people(row)[:3] == kept
        assert "Deleted the personal data of 4 registration(s) of 1 event(s)" in purge()
        assert people(row) == [
            ("", "", "", "confirmed"),
            ("", "", "", "waitlisted"),
            ("", "", "", "cancelled"),
            ("", "", "", "confirmed"),
        ]
        erased = row.registrations.all()
        assert all(r.erased_at for r in erased) and erased.filter(walk_in=True).count() == 1
        assert erased.filter(checked_in_at__isnull=False).count() == 1  # attendance stays
        assert not CheckInLink.objects.filter(settings=row).exists()
        assert series_row.registrations.get().name == "Eve Later"
        # Idempotent: a second run finds nothing more.
        assert "Deleted the personal data of 0 registration(s) of 0" in purge()

    # The series date in turn, with the days given on the command line.
    series_due = checkin.entry_end(series, later) + dt.timedelta(days=7)
    with time_machine.travel(series_due, tick=False):
        assert "of 1 registration(s) of 1 event(s) or date(s) that ended more than 7" in purge(
            "--days", "7"
        )
        assert series_row.registrations.get().email == ""


def test_the_admin_page_says_the_data_is_gone(client, event):
    from tests.locals.helpers import login_as_local_editor

    row = open_event(event, capacity=3)
    Registration.objects.create(settings=row, name="Ada", email="a@example.org", status="confirmed")
    with time_machine.travel(checkin.entry_end(event, None) + dt.timedelta(days=91), tick=False):
        purge()
        login_as_local_editor(client, 12)
        html = client.get(f"/admin/registrations/{event.pk}/").content.decode()
    assert "were deleted after the retention period" in html and "(deleted)" in html
    assert "Registered (1 of 3)" in html


def test_days_below_one_are_refused():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        purge("--days", "0")
