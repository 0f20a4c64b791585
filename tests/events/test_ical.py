"""Feeds that calendar apps read correctly: recurrence, overrides, zones, UIDs, SEQUENCE."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from events.choices import AttendanceMode, EventStatus
from events.models import EventPage, MeetingSeriesPage, SeriesDateChange

from .factories import EventIndexPageFactory, EventPageFactory, MeetingSeriesPageFactory, publish
from .icalutil import expand, parse, vevents

pytestmark = pytest.mark.clock  # reads today's date (tests/clock.py)

CHICAGO = ZoneInfo("America/Chicago")


def _board(calendar):
    series = MeetingSeriesPageFactory(
        parent=calendar, slug="board", title="Executive Board", live=False
    )
    series.date_changes = [
        SeriesDateChange(
            date=dt.date(2025, 1, 1),
            new_date=dt.date(2025, 1, 8),
            attendance_mode=AttendanceMode.IN_PERSON,
            note="Moved",
        ),
        SeriesDateChange(date=dt.date(2025, 3, 5), attendance_mode=AttendanceMode.IN_PERSON),
        SeriesDateChange(date=dt.date(2025, 4, 2), cancelled=True),
    ]
    return publish(series)


def test_series_is_one_vevent_with_rrule_and_overrides(client, calendar):
    series = _board(calendar)
    cal = parse(client.get("/events/board/calendar.ics"))
    uid = f"series-{series.pk}@opeiu.org"
    events = vevents(cal, uid)
    masters = [e for e in events if "RECURRENCE-ID" not in e]
    assert len(masters) == 1 and len(events) == 4
    assert masters[0]["RRULE"]["FREQ"] == ["MONTHLY"] and masters[0]["RRULE"]["BYDAY"] == ["1WE"]
    assert "UNTIL" not in masters[0]["RRULE"] and "COUNT" not in masters[0]["RRULE"]
    assert masters[0]["DTSTART"].params["TZID"] == "America/Chicago"
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["America/Chicago"]

    dates = expand(cal, uid, dt.date(2027, 12, 31))
    starts = sorted(start.astimezone(CHICAGO) for start, _, _ in dates.values())
    # January moved to the 8th, April cancelled, everything else the first Wednesday.
    assert starts[0].date() == dt.date(2025, 1, 8)
    assert "EXDATE" not in masters[0]
    april = dates[dt.datetime(2025, 4, 2, 18, tzinfo=CHICAGO)][2]
    assert april["STATUS"] == "CANCELLED" and str(april["SUMMARY"]) == "Cancelled: Executive Board"
    assert all(s.time() == dt.time(18) for s in starts)  # 6 pm local in CST and CDT alike
    march_2026 = next(s for s in starts if s.date() == dt.date(2026, 3, 4))
    november_2026 = next(s for s in starts if s.date() == dt.date(2026, 11, 4))
    assert march_2026.utcoffset() == dt.timedelta(hours=-6)  # before DST starts on March 8
    assert november_2026.utcoffset() == dt.timedelta(hours=-6)  # after DST ends on November 1
    summer = next(s for s in starts if s.date() == dt.date(2026, 7, 1))
    assert summer.utcoffset() == dt.timedelta(hours=-5) and summer.time() == dt.time(18)
    in_person = dates[dt.datetime(2025, 3, 5, 18, tzinfo=CHICAGO)][2]
    assert str(in_person["RECURRENCE-ID"].to_ical().decode()) == "20250305T180000"
    assert "In person" in str(in_person["DESCRIPTION"])


def test_uid_stays_and_sequence_rises_when_an_event_is_edited_or_moved(client, home, calendar):
    event = publish(EventPageFactory(parent=calendar, slug="picnic", live=False))
    before = vevents(parse(client.get("/events/picnic/calendar.ics")))[0]
    event.start_date = dt.date(2030, 6, 1)
    event = publish(event)
    other = EventIndexPageFactory(parent=home, slug="elsewhere")
    EventPage.objects.get(pk=event.pk).move(other, pos="last-child")
    after = vevents(parse(client.get("/elsewhere/picnic/calendar.ics")))[0]
    assert after["UID"] == before["UID"] == f"event-{event.pk}@opeiu.org"
    assert after["SEQUENCE"] > before["SEQUENCE"]
    assert after.decoded("DTSTART") == dt.datetime(2030, 6, 1, 18, tzinfo=CHICAGO)
    published = EventPage.objects.get(pk=event.pk).last_published_at
    assert (
        after.decoded("DTSTAMP")
        == published.replace(microsecond=0)
        == after.decoded("LAST-MODIFIED")
    )


def test_cancelled_events_stay_in_the_feed_marked_cancelled(client, calendar):
    publish(
        EventPageFactory(
            parent=calendar,
            title="Rally",
            status=EventStatus.CANCELLED,
            start_date=timezone.now().date() + dt.timedelta(days=10),  # cancelled, not yet past
            live=False,
        )
    )
    old = publish(
        EventPageFactory(
            parent=calendar,
            title="Long gone",
            status=EventStatus.CANCELLED,
            start_date=dt.date(2020, 1, 1),
            live=False,
        )
    )
    cal = parse(client.get("/events/calendar.ics"))
    rally = next(e for e in vevents(cal) if e["SUMMARY"] == "Rally")
    assert rally["STATUS"] == "CANCELLED"
    assert f"event-{old.pk}@opeiu.org" not in {str(e["UID"]) for e in vevents(cal)}


def test_calendar_feed_has_no_cap_and_keeps_private_links_out(client, calendar):
    for number in range(40):
        publish(
            EventPageFactory(
                parent=calendar,
                title=f"Meeting {number}",
                online_url="https://zoom.example/secret",
                attendance_mode=AttendanceMode.ONLINE,
                live=False,
            )
        )
    response = client.get("/events/calendar.ics")
    assert len(vevents(parse(response))) == 40
    assert b"zoom.example/secret" not in response.content


def test_explicit_dates_become_rdates(client, calendar):
    series = MeetingSeriesPageFactory(
        parent=calendar,
        slug="dates",
        frequency="dates",
        explicit_dates="2026-03-04\n2026-11-04\n2026-06-10",
        live=False,
    )
    series = publish(series)
    cal = parse(client.get("/events/dates/calendar.ics"))
    found = expand(cal, f"series-{series.pk}@opeiu.org", dt.date(2027, 1, 1))
    assert sorted(s.astimezone(CHICAGO) for s, _, _ in found.values()) == [
        dt.datetime(2026, 3, 4, 18, tzinfo=CHICAGO),
        dt.datetime(2026, 6, 10, 18, tzinfo=CHICAGO),
        dt.datetime(2026, 11, 4, 18, tzinfo=CHICAGO),
    ]
    assert MeetingSeriesPage.objects.get(pk=series.pk).dates(dt.date(2027, 1, 1))[0] == dt.date(
        2026, 3, 4
    )


# The factory's event (May 1, 2030) is upcoming, with its add-to-calendar links, on this day.
@pytest.mark.time_machine(dt.datetime(2026, 11, 23, 17, tzinfo=dt.UTC), tick=False)
def test_event_page_has_add_to_calendar_links_and_json_ld(client, calendar):
    import json

    publish(
        EventPageFactory(
            parent=calendar,
            slug="school",
            title="Strike School",
            venue=__import__("tests.events.factories", fromlist=["VenueFactory"]).VenueFactory(
                name="Carpenters Hall"
            ),
            live=False,
        )
    )
    html = client.get("/events/school/").content.decode()
    assert "calendar.google.com/calendar/render?action=TEMPLATE" in html
    assert 'href="http://testserver/events/school/calendar.ics"' in html
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', html)
    data = json.loads(script.group(1))
    assert data["@type"] == "Event" and data["startDate"] == "2030-05-01T18:00:00-05:00"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["location"]["@type"] == "Place"
    assert data["location"]["address"]["streetAddress"] == "710 Olive Street"
    calendar_html = client.get("/events/").content.decode()
    assert 'href="webcal://testserver/events/calendar.ics"' in calendar_html
