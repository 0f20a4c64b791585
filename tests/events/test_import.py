"""Importing the calendars locals already keep: a WordPress The Events Calendar export, a
Google Calendar export and an Outlook export (samples/), twice, creates the pages once."""

import datetime as dt
from pathlib import Path

import pytest

from events.choices import AttendanceMode, Frequency
from events.importer import ImportFileError, import_ics
from events.models import EventPage, MeetingSeriesPage, Venue

pytestmark = pytest.mark.clock  # reads today's date (tests/clock.py)

SAMPLES = Path(__file__).with_name("samples")
TODAY = dt.date(2026, 11, 30)


def sample(name):
    return (SAMPLES / name).read_bytes()


def _import(calendar, name, **kwargs):
    return import_ics(sample(name), calendar, publish=True, today=TODAY, **kwargs)


def _state():
    return (
        sorted(EventPage.objects.values_list("title", "live", "source_uid")),
        sorted(MeetingSeriesPage.objects.values_list("title", "live", "source_uid")),
        Venue.objects.count(),
    )


def test_the_events_calendar_export_becomes_one_event_per_date(calendar):
    plan = _import(calendar, "tec-export.ics")
    assert (plan.count("create"), plan.count("update")) == (5, 0)
    meetings = EventPage.objects.filter(title="Membership Meeting").order_by("start_date")
    assert [e.start_date for e in meetings] == [
        dt.date(2027, 1, 6),
        dt.date(2027, 2, 3),
        dt.date(2027, 3, 3),
    ]
    first = meetings[0]
    assert (first.start_time, first.end_time, first.time_zone) == (
        dt.time(18),
        dt.time(19, 30),
        "America/Chicago",
    )
    assert first.live and first.listing_summary == "Monthly membership meeting. Dinner at 5:30 pm."
    assert first.venue.street_address == "2211 Broadway St NE" and first.venue.region == "MN"
    assert {e.venue_id for e in meetings} == {first.venue_id}  # one venue, reused
    picnic = EventPage.objects.get(title="Family Picnic")
    assert picnic.all_day and picnic.start_date == dt.date(2027, 6, 12) and picnic.end_date is None
    assert Venue.objects.count() == 3

    before = _state()
    again = _import(calendar, "tec-export.ics")
    assert (again.count("create"), again.count("update"), again.count("unchanged")) == (0, 0, 5)
    assert _state() == before


def test_google_export_becomes_series_with_changes_and_one_offs(calendar):
    _import(calendar, "google-export.ics")
    board = MeetingSeriesPage.objects.get(title="Executive Board")
    assert (board.frequency, board.week_of_month, board.monthly_weekday) == (
        Frequency.MONTHLY,
        1,
        1,
    )
    assert (board.start_time, board.duration_minutes, board.last_date) == (dt.time(18), 90, None)
    changes = {c.date: c for c in board.date_changes.all()}
    assert changes[dt.date(2027, 7, 6)].cancelled  # EXDATE
    assert changes[dt.date(2027, 3, 2)].new_date == dt.date(2027, 3, 3)  # a moved date
    assert changes[dt.date(2027, 4, 6)].cancelled  # replaced by a one-off (other place, length)
    budget = EventPage.objects.get(title="Executive Board: budget session")
    assert (budget.start_date, budget.start_time, budget.end_time) == (
        dt.date(2027, 4, 6),
        dt.time(17),
        dt.time(20),
    )
    assert budget.venue.name == "Labor Center"

    committee = MeetingSeriesPage.objects.get(title="Organizing Committee")
    assert committee.frequency == Frequency.WEEKLY and committee.weekdays == [3]
    assert committee.last_date == dt.date(2027, 6, 24)
    assert committee.attendance_mode == AttendanceMode.ONLINE and committee.venue is None
    check_in = MeetingSeriesPage.objects.get(title="Stewards' Check-in")  # every other Monday
    assert check_in.frequency == Frequency.DATES
    assert check_in.dates(dt.date(2028, 1, 1)) == [
        dt.date(2027, 1, 11) + dt.timedelta(weeks=2 * n) for n in range(6)
    ]
    blitz = EventPage.objects.get(title="Spring Organizing Blitz")  # written in UTC
    assert (blitz.start_time, blitz.end_time, blitz.time_zone) == (
        dt.time(9),
        dt.time(15),
        "America/Chicago",
    )
    assert Venue.objects.count() == 2  # Union Hall and the Labor Center, each once

    before = _state()
    again = _import(calendar, "google-export.ics")
    assert again.count("create") == again.count("update") == 0
    assert _state() == before


def test_outlook_export_with_windows_zone_names(calendar):
    _import(calendar, "outlook-export.ics")
    committee = MeetingSeriesPage.objects.get(title="Contract Committee")
    assert committee.time_zone == "America/Chicago"
    assert (committee.frequency, committee.weekdays) == (Frequency.WEEKLY, [3])
    assert (committee.first_date, committee.last_date) == (
        dt.date(2027, 1, 14),
        dt.date(2027, 3, 25),
    )
    call = EventPage.objects.get(title="Regional Conference Call")
    assert (call.time_zone, call.start_time) == ("America/New_York", dt.time(10))
    assert call.attendance_mode == AttendanceMode.ONLINE and call.venue is None
    before = _state()
    _import(calendar, "outlook-export.ics")
    assert _state() == before


def test_three_files_share_venues_and_a_changed_file_updates_in_place(calendar):
    for name in ("tec-export.ics", "google-export.ics", "outlook-export.ics"):
        _import(calendar, name)
    assert Venue.objects.filter(street_address="2211 Broadway St NE").count() == 1
    changed = sample("google-export.ics").replace(
        b"SUMMARY:Spring Organizing Blitz", b"SUMMARY:Spring Organizing Blitz (rain or shine)"
    )
    changed = changed.replace(
        b"EXDATE;TZID=America/Chicago:20270706T180000",
        b"EXDATE;TZID=America/Chicago:20270803T180000",
    )
    pages = EventPage.objects.count() + MeetingSeriesPage.objects.count()
    dry = import_ics(changed, calendar, dry_run=True, today=TODAY)
    assert sorted(a.title for a in dry.actions if a.verb == "update") == [
        "Executive Board",
        "Spring Organizing Blitz (rain or shine)",
    ]
    assert not EventPage.objects.filter(title__contains="rain or shine").exists()  # a dry run
    import_ics(changed, calendar, publish=True, today=TODAY)
    assert EventPage.objects.count() + MeetingSeriesPage.objects.count() == pages
    assert EventPage.objects.get(title__contains="rain or shine").live
    board = MeetingSeriesPage.objects.get(title="Executive Board")
    cancelled = {c.date for c in board.date_changes.all() if c.cancelled}
    assert dt.date(2027, 8, 3) in cancelled and dt.date(2027, 7, 6) not in cancelled


def test_drafts_unless_published(calendar):
    import_ics(sample("tec-export.ics"), calendar, publish=False, today=TODAY)
    assert EventPage.objects.count() == 5 and not EventPage.objects.filter(live=True).exists()


CALENDAR = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:test\r\n%sEND:VCALENDAR\r\n"
EVENT = (
    b"BEGIN:VEVENT\r\nUID:e%d@example.org\r\nDTSTAMP:20260101T000000Z\r\n"
    b"DTSTART%s\r\nSUMMARY:Event\r\nEND:VEVENT\r\n"
)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<html><body>Not a calendar</body></html>", "not an iCalendar"),
        (b"BEGIN:VCALENDAR\r\n" + b"X" * 2_000_001, "too large"),
        (
            CALENDAR.replace(
                b"%s", b"".join(EVENT % (n, b":20270101T100000") for n in range(10_001))
            ),
            "more than 2000 events",
        ),
        (CALENDAR.replace(b"%s", EVENT % (1, b":20271345T100000")), "DTSTART"),
        (
            CALENDAR.replace(b"%s", EVENT % (1, b";TZID=Mars/Olympus:20270101T100000")),
            "Unknown time zone “Mars/Olympus”",
        ),
        (CALENDAR.replace(b"%s", b""), "no events"),
    ],
    ids=["not-ical", "huge", "flood", "malformed-date", "unknown-tzid", "empty"],
)
def test_bad_files_get_a_clear_error_and_change_nothing(calendar, data, message):
    before = _state()
    with pytest.raises(ImportFileError, match=message):
        import_ics(data, calendar, publish=True, today=TODAY)
    assert _state() == before


def test_a_bad_event_after_good_ones_changes_nothing(calendar):
    good = sample("google-export.ics").replace(b"END:VCALENDAR\r\n", b"")
    data = good + EVENT % (1, b";TZID=Nowhere Standard Time:20270101T100000") + b"END:VCALENDAR\r\n"
    with pytest.raises(ImportFileError, match="Nowhere Standard Time"):
        import_ics(data, calendar, publish=True, today=TODAY)
    assert _state() == ([], [], 0)
