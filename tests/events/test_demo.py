"""Local 12's demo calendar, built under the International's home (any section root will do),
shows what the issue's "done means" asks for, and a second load changes nothing."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from wagtail.models import Page

from demo import events as events_demo
from events import queries
from events.models import ClosureRule, Occurrence, Venue

from .icalutil import expand, parse, vevents

pytestmark = pytest.mark.clock  # reads today's date (tests/clock.py)

CHICAGO = ZoneInfo("America/Chicago")


class Log:
    def __init__(self):
        self.lines = []

    def step(self, message):
        self.lines.append(message)


def _counts():
    return (
        Page.objects.count(),
        Occurrence.objects.count(),
        ClosureRule.objects.count(),
        Venue.objects.count(),
        sum(p.revisions.count() for p in Page.objects.all()),
    )


# The demo's dated facts (the 2025 board dates, the 2026 Strike School on the first page of past
# events, November in Central Standard Time) are read on a day they were written for; the test
# below it checks that the demo's meetings carry on whatever today is.
WRITTEN_ON = dt.datetime(2026, 11, 23, 17, tzinfo=dt.UTC)


def test_local_calendar_demo_has_upcoming_meetings_whatever_the_date(home, client):
    events_demo.load_local_calendar(home, Log())
    upcoming = client.get("/events/").content.decode()
    for series in ("Executive Board meetings", "Membership meetings", "HealthPartners CAT"):
        assert series in upcoming
    assert "Upcoming events and meetings" in client.get("/").content.decode()
    soonest = queries.upcoming(home, limit=3)[0].start
    assert timezone.now() - dt.timedelta(hours=2) <= soonest <= timezone.now() + dt.timedelta(7)


@pytest.mark.time_machine(WRITTEN_ON, tick=False)
def test_local_calendar_demo_is_idempotent_and_reads_right(home, client):
    log = Log()
    events_demo.load_local_calendar(home, log)
    first = _counts()
    events_demo.load_local_calendar(home, log)
    assert _counts() == first

    upcoming = client.get("/events/").content.decode()
    assert "Executive Board meetings" in upcoming and "HealthPartners CAT meetings" in upcoming
    assert "6:30 p.m.–7:30 p.m. CST" in upcoming  # CAT meetings in Central time (November)
    assert "Membership meetings" in upcoming and "Hybrid" in upcoming

    march = client.get("/events/?month=2025-03").content.decode()
    day_five = march.split('datetime="2025-03-05"')[1].split("</td>")[0]
    assert "Executive Board meetings" in day_five and "In person" in day_five
    assert "6:00 p.m. CST" in day_five

    past = client.get("/events/past/").content.decode()
    assert "Strike School" in past

    years = [2026, 2027]
    found = queries.closures(home, years)
    assert len(found) == 24 + 1  # twelve a year, plus New Year's 2028 observed on Dec 31, 2027
    assert (dt.date(2026, 4, 3), "Good Friday") in found

    home_html = client.get("/").content.decode()
    assert "Upcoming events and meetings" in home_html
    assert queries.upcoming(home, limit=3)[0].start >= timezone.now() - dt.timedelta(hours=2)
    assert any("Strike School" in item.title for item in queries.past(home, limit=10))

    cal = parse(client.get("/events/calendar.ics"))
    board = next(
        e for e in vevents(cal) if e["SUMMARY"] == "Executive Board meetings" and "RRULE" in e
    )
    uid = str(board["UID"])
    assert len([e for e in vevents(cal, uid) if "RECURRENCE-ID" not in e]) == 1
    dates = expand(cal, uid, dt.date(2025, 12, 31))
    in_person = sorted(
        start.astimezone(CHICAGO).date()
        for start, _, component in dates.values()
        if "In person" in str(component["DESCRIPTION"])
    )
    assert in_person == [
        dt.date(2025, 1, 8),
        dt.date(2025, 3, 5),
        dt.date(2025, 5, 7),
        dt.date(2025, 9, 3),
        dt.date(2025, 11, 5),
    ]
    assert len(dates) == 12

    # Outlook-readable zone (yearly rules, valid past 2040) and transparent all-day closures.
    (zone,) = cal.walk("VTIMEZONE")
    assert [sub["RRULE"].to_ical() for sub in zone.subcomponents] == [
        b"FREQ=YEARLY;BYDAY=2SU;BYMONTH=3",
        b"FREQ=YEARLY;BYDAY=1SU;BYMONTH=11",
    ]
    summer_2042 = dt.datetime(2042, 7, 1, 18).replace(tzinfo=zone.to_tz(lookup_tzid=False))
    assert summer_2042.utcoffset() == dt.timedelta(hours=-5)
    closed = [e for e in vevents(cal) if str(e["UID"]).startswith("closure-")]
    assert {str(e["TRANSP"]) for e in closed} == {"TRANSPARENT"}
    assert "Office closed: Thanksgiving Day" in {str(e["SUMMARY"]) for e in closed}


def test_load_skips_local_12_without_its_page_and_builds_the_internationals(home, client):
    log = Log()
    events_demo.load(log)
    assert any("skipped Local 12" in line for line in log.lines)
    response = client.get("/events/")
    assert response.status_code == 200
    assert "New steward training" in response.content.decode()
    assert Page.objects.get(slug="events").show_in_menus
