"""VTIMEZONEs that Outlook reads (yearly RRULEs, MS-OXCICAL) and that every client expands the
same: ical.js (Thunderbird), icalendar + dateutil reading the VTIMEZONE itself, and Python's
zoneinfo agree on the UTC instant of every meeting in eight zones from 2024 to 2045, and on
noon of every day to 2045 in every zone of the tz database."""

import datetime as dt
import zoneinfo
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr

from events import recurrence
from events.choices import Frequency, Weekday
from events.vtimezone import vtimezone
from tests.icaljs import icaljs

from .factories import EventIndexPageFactory, MeetingSeriesPageFactory, publish
from .icalutil import check_rfc5545, vevents
from .zone_survey import survey

pytestmark = pytest.mark.clock  # reads today's date (tests/clock.py)

ZONES = [
    "America/Chicago",
    "America/New_York",
    "America/Los_Angeles",
    "America/Phoenix",
    "America/Puerto_Rico",
    "Pacific/Honolulu",
    "America/Toronto",
    "America/St_Johns",
]
FIRST, LAST = dt.date(2024, 1, 1), dt.date(2045, 12, 31)


@pytest.fixture
def zone_feed(client, home):
    """A weekly series (Sundays, when clocks change, and Wednesdays at 9 am) in each zone;
    every other one without an end date. Returns (feed bytes, {uid: series})."""
    calendar = EventIndexPageFactory(parent=home, slug="zones")
    series = {}
    for index, zone in enumerate(ZONES):
        page = MeetingSeriesPageFactory(
            parent=calendar,
            slug=f"zone-{index}",
            frequency=Frequency.WEEKLY,
            weekdays=[Weekday.SUNDAY, Weekday.WEDNESDAY],
            start_time=dt.time(9),
            first_date=FIRST,
            last_date=LAST if index % 2 else None,
            time_zone=zone,
            live=False,
        )
        page = publish(page)
        series[f"series-{page.pk}@opeiu.org"] = page
    return client.get("/zones/calendar.ics").content, series


def expected_instants(page):
    """Every meeting's UTC instant according to Python's zoneinfo."""
    return [
        recurrence.aware(day, page.start_time, page.time_zone).astimezone(dt.UTC)
        for day in recurrence.rule_dates(page, LAST)
    ]


def test_every_zone_is_yearly_rules_that_outlook_reads(zone_feed):
    feed, _ = zone_feed
    cal = check_rfc5545(feed)
    zones = {str(tz["TZID"]): tz for tz in cal.walk("VTIMEZONE")}
    assert sorted(zones) == sorted(ZONES)
    assert b"RDATE" not in feed
    for name in ("America/Phoenix", "America/Puerto_Rico", "Pacific/Honolulu"):
        (only,) = zones[name].subcomponents
        assert only.name == "STANDARD" and "RRULE" not in only
        assert only["TZOFFSETFROM"].td == only["TZOFFSETTO"].td
    for name in ("America/Chicago", "America/New_York", "America/Toronto", "America/St_Johns"):
        daylight, standard = zones[name].subcomponents  # one rule period since 2007
        assert daylight.name == "DAYLIGHT" and standard.name == "STANDARD"
        assert daylight["RRULE"].to_ical() == b"FREQ=YEARLY;BYDAY=2SU;BYMONTH=3"
        assert standard["RRULE"].to_ical() == b"FREQ=YEARLY;BYDAY=1SU;BYMONTH=11"
        assert daylight.decoded("DTSTART") < dt.datetime(2024, 1, 1)  # covers January 2024
    st_johns = zones["America/St_Johns"].subcomponents[1]
    assert st_johns["TZOFFSETTO"].to_ical() == "-0330"


def test_icaljs_reads_every_meeting_at_the_zoneinfo_instant(zone_feed, node_modules):
    feed, series = zone_feed
    for uid, page in series.items():
        items = icaljs(feed, uid, "2046-01-01", timeout=120)
        got = [dt.datetime.fromtimestamp(item["utc"], dt.UTC) for item in items]
        if page.last_date is None:
            got = [moment for moment in got if moment.date() <= LAST]
        expected = expected_instants(page)
        assert len(expected) > 2000
        assert got == expected, page.time_zone


def test_icalendar_and_dateutil_read_every_meeting_at_the_zoneinfo_instant(zone_feed):
    """icalendar resolves a known TZID by name; here each VTIMEZONE is turned into its own
    tzinfo (dateutil's tzical), so the rules we wrote are what is tested."""
    feed, series = zone_feed
    cal = check_rfc5545(feed)
    written = {str(tz["TZID"]): tz.to_tz(lookup_tzid=False) for tz in cal.walk("VTIMEZONE")}
    for uid, page in series.items():
        (master,) = vevents(cal, uid)
        tz = written[master["DTSTART"].params["TZID"]]
        wall = master.decoded("DTSTART").replace(tzinfo=None)
        rule = rrulestr(master["RRULE"].to_ical().decode(), dtstart=wall, ignoretz=True)
        until = dt.datetime.combine(LAST, dt.time(23, 59))
        got = [
            moment.replace(tzinfo=tz).astimezone(dt.UTC)
            for moment in rule.between(wall, until, inc=True)
        ]
        assert got == expected_instants(page), page.time_zone


def test_a_zone_keeps_each_rule_period_the_events_need_latest_last():
    zone = vtimezone("America/Chicago", dt.date(2005, 6, 1), dt.date(2030, 1, 1))
    rules = [(sub.name, sub["RRULE"].to_ical().decode()) for sub in zone.subcomponents]
    assert rules == [
        ("DAYLIGHT", "FREQ=YEARLY;UNTIL=20060403T235959Z;BYDAY=1SU;BYMONTH=4"),
        ("STANDARD", "FREQ=YEARLY;UNTIL=20061030T235959Z;BYDAY=-1SU;BYMONTH=10"),
        ("DAYLIGHT", "FREQ=YEARLY;BYDAY=2SU;BYMONTH=3"),
        ("STANDARD", "FREQ=YEARLY;BYDAY=1SU;BYMONTH=11"),
    ]
    chicago = ZoneInfo("America/Chicago")
    tz = zone.to_tz(lookup_tzid=False)
    for moment in (
        dt.datetime(2005, 4, 3, 9),
        dt.datetime(2006, 10, 29, 9),
        dt.datetime(2007, 3, 11, 9),
    ):
        assert moment.replace(tzinfo=tz).utcoffset() == moment.replace(tzinfo=chicago).utcoffset()


def _rules(name, first):
    zone = vtimezone(name, first)
    return [
        (sub.name, sub["RRULE"].to_ical().decode()) for sub in zone.subcomponents if "RRULE" in sub
    ]


def test_rules_are_the_zones_own_in_every_later_year():
    """Scanning a few years saw "last Sunday" as 4SU, Chile's "Sunday on or after the 2nd" as
    1SU and Nuuk's "Saturday before the last Sunday" as -1SA; ended rules were kept for ever."""
    assert ("DAYLIGHT", "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3") in _rules(
        "Europe/Berlin", dt.date(2033, 1, 1)
    )
    assert ("STANDARD", "FREQ=YEARLY;BYDAY=1SU;BYMONTH=4") in _rules(
        "Pacific/Auckland", dt.date(2026, 12, 1)
    )
    assert ("DAYLIGHT", "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=9") in _rules(
        "Pacific/Auckland", dt.date(2026, 12, 1)
    )
    santiago = _rules("America/Santiago", dt.date(2026, 12, 1))
    assert ("STANDARD", "FREQ=YEARLY;BYDAY=SU;BYMONTHDAY=2,3,4,5,6,7,8;BYMONTH=4") in santiago
    nuuk = _rules("America/Nuuk", dt.date(2026, 12, 1))
    assert ("DAYLIGHT", "FREQ=YEARLY;BYDAY=SA;BYMONTHDAY=24,25,26,27,28,29,30;BYMONTH=3") in nuuk
    mexico = _rules("America/Mexico_City", dt.date(2020, 1, 1))
    assert mexico and all("UNTIL=2022" in rule for _, rule in mexico)  # DST abolished in 2022
    tehran = _rules("Asia/Tehran", dt.date(2021, 1, 1))
    assert tehran and all("UNTIL=2022" in rule for _, rule in tehran)
    chicago = _rules("America/Chicago", dt.date(2003, 1, 1))
    assert ("DAYLIGHT", "FREQ=YEARLY;BYDAY=2SU;BYMONTH=3") in chicago  # the 2007 rule too


@pytest.mark.parametrize(
    ("first", "names"),
    [
        (dt.date(2033, 1, 1), ["Europe/Berlin", "America/Chicago"]),
        (dt.date(2020, 1, 1), ["America/Mexico_City", "America/Santiago"]),
        (dt.date(2021, 1, 1), ["Asia/Tehran"]),
        (dt.date(2003, 1, 1), ["America/Chicago", "America/New_York"]),
        (
            dt.date(2026, 12, 1),
            ["Pacific/Auckland", "Pacific/Chatham", "America/Nuuk", "America/Santiago"],
        ),
    ],
    ids=["berlin-2033", "mexico-2020", "tehran-2021", "us-2003", "south-2026"],
)
def test_the_zones_of_the_report_read_right_every_day_to_2045(first, names, node_modules):
    assert survey(names, first) == {"ical.js": [], "dateutil": []}


@pytest.mark.slow
def test_every_zone_reads_right_every_day_from_2020_to_2045(node_modules):
    """Every zone name of the tz database (about 600), written for a series that starts in
    2020 and has no end: ical.js and dateutil agree with zoneinfo at noon of every day."""
    names = sorted(zoneinfo.available_timezones())
    assert len(names) > 500
    assert survey(names, dt.date(2020, 1, 1)) == {"ical.js": [], "dateutil": []}
