"""Interoperability: Thunderbird's parser (ical.js) reads our feeds and expands the series the
same way: moved dates via RECURRENCE-ID, cancelled ones as cancelled instances with their note
(never an EXDATE, which would hide the note), 6 pm Chicago all year, and a series of listed dates
with its first date."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from events.choices import AttendanceMode
from events.models import SeriesDateChange
from tests.icaljs import icaljs

from .factories import EventPageFactory, MeetingSeriesPageFactory, VenueFactory, publish

pytestmark = pytest.mark.clock  # reads today's date (tests/clock.py)

CHICAGO = ZoneInfo("America/Chicago")


def test_icaljs_expands_the_series_with_overrides_and_exdates(client, calendar, node_modules):
    series = MeetingSeriesPageFactory(
        parent=calendar, slug="board", venue=VenueFactory(name="Union office"), live=False
    )
    series.date_changes = [
        SeriesDateChange(
            date=dt.date(2025, 1, 1),
            new_date=dt.date(2025, 1, 8),
            attendance_mode=AttendanceMode.IN_PERSON,
        ),
        SeriesDateChange(date=dt.date(2025, 3, 5), attendance_mode=AttendanceMode.IN_PERSON),
        SeriesDateChange(date=dt.date(2025, 4, 2), cancelled=True, note="Strike vote instead"),
    ]
    series = publish(series)
    feed = client.get("/events/calendar.ics").content
    assert b"EXDATE" not in feed
    items = icaljs(feed, f"series-{series.pk}@opeiu.org", "2027-01-01")
    starts = [dt.datetime.fromtimestamp(item["utc"], dt.UTC).astimezone(CHICAGO) for item in items]
    assert starts[0] == dt.datetime(2025, 1, 8, 18, tzinfo=CHICAGO)  # moved by RECURRENCE-ID
    (cancelled,) = [item for item in items if item["status"] == "CANCELLED"]
    assert cancelled["start"].startswith("2025-04-02T18:00")  # years ahead, still with its note
    assert "Strike vote instead" in cancelled["description"]
    assert cancelled["summary"].startswith("Cancelled: ")  # for Outlook, which ignores STATUS
    assert len(starts) == 24  # Jan 2025 .. Dec 2026, one of them cancelled
    assert all(s.time() == dt.time(18) for s in starts)
    assert all(s.weekday() == 2 for s in starts)
    assert {item["tzid"] for item in items} == {"America/Chicago"}
    march = next(item for item in items if item["start"].startswith("2025-03-05"))
    assert "Union office" in march["location"]
    assert dt.datetime(2026, 3, 4, 18, tzinfo=CHICAGO) in starts  # CST, before DST
    assert dt.datetime(2026, 11, 4, 18, tzinfo=CHICAGO) in starts  # CST again after DST
    assert dt.datetime(2026, 7, 1, 18, tzinfo=CHICAGO) in starts  # CDT


def test_icaljs_reads_a_one_off_event(client, calendar, node_modules):
    event = publish(EventPageFactory(parent=calendar, slug="school", live=False))
    feed = client.get("/events/school/calendar.ics").content
    (item,) = icaljs(feed, f"event-{event.pk}@opeiu.org", "2031-01-01")
    start = dt.datetime.fromtimestamp(item["utc"], dt.UTC).astimezone(CHICAGO)
    assert start == dt.datetime(2030, 5, 1, 18, tzinfo=CHICAGO)
    assert item["tzid"] == "America/Chicago" and item["status"] == "CONFIRMED"


def test_icaljs_shows_every_listed_date_first_one_included(client, calendar, node_modules):
    series = publish(
        MeetingSeriesPageFactory(
            parent=calendar,
            slug="dates",
            frequency="dates",
            explicit_dates="2026-03-04\n2026-11-04\n2026-06-10",
            live=False,
        )
    )
    feed = client.get("/events/dates/calendar.ics").content
    items = icaljs(feed, f"series-{series.pk}@opeiu.org", "2027-01-01")
    starts = [dt.datetime.fromtimestamp(item["utc"], dt.UTC).astimezone(CHICAGO) for item in items]
    assert starts == [
        dt.datetime(2026, 3, 4, 18, tzinfo=CHICAGO),
        dt.datetime(2026, 6, 10, 18, tzinfo=CHICAGO),
        dt.datetime(2026, 11, 4, 18, tzinfo=CHICAGO),
    ]
