"""Office closures in the feeds: all-day, transparent (never busy), one stable UID per rule and
year; in the calendar's feed (an option, on by default) and in a closures-only feed."""

import datetime as dt

import pytest

from demo.events import closure_rules
from events import closures, ical
from events.models import EventIndexPage

from .factories import MeetingSeriesPageFactory, publish
from .icalutil import parse, vevents

pytestmark = pytest.mark.clock  # reads today's date (tests/clock.py)


def _closures(cal):
    return [e for e in vevents(cal) if str(e["UID"]).startswith("closure-")]


def _with_rules(calendar):
    calendar.closure_rules = closure_rules()
    calendar.save()
    return calendar


def test_closure_events_are_all_day_transparent_with_a_uid_per_rule_and_year(calendar):
    calendar = _with_rules(calendar)
    rules = list(calendar.closure_rules.all())
    items = ical.closure_components(calendar, rules, [2021, 2022])
    new_year = next(rule for rule in rules if rule.name == "New Year's Day")
    by_uid = {str(e["UID"]): e for e in items}
    assert len(by_uid) == len(items)  # no two closures share a UID
    # New Year's Day 2022 (a Saturday) is observed on Friday, December 31, 2021: same calendar
    # year as New Year's Day 2021, yet its own event.
    assert by_uid[f"closure-{new_year.pk}-2021@opeiu.org"].decoded("DTSTART") == dt.date(2021, 1, 1)
    observed = by_uid[f"closure-{new_year.pk}-2022@opeiu.org"]
    assert observed.decoded("DTSTART") == dt.date(2021, 12, 31)
    assert observed.decoded("DTEND") == dt.date(2022, 1, 1)
    assert str(observed["SUMMARY"]) == "Office closed: New Year's Day"
    assert all(str(e["TRANSP"]) == "TRANSPARENT" for e in items)
    expected = closures.compute(rules, [2021, 2022])
    assert sorted((e.decoded("DTSTART"), str(e["SUMMARY"])[15:]) for e in items) == expected


def test_the_calendar_feed_carries_the_closures_unless_switched_off(client, calendar):
    calendar = _with_rules(calendar)
    publish(MeetingSeriesPageFactory(parent=calendar, slug="board", live=False))
    years = ical.closure_years()
    expected = closures.compute(calendar.closure_rules.all(), years)
    cal = parse(client.get("/events/calendar.ics"))
    found = _closures(cal)
    assert sorted(e.decoded("DTSTART") for e in found) == [day for day, _ in expected]
    assert all(str(e["TRANSP"]) == "TRANSPARENT" for e in found)
    assert all("TZID" not in e["DTSTART"].params for e in found)  # floating all-day dates
    again = _closures(parse(client.get("/events/calendar.ics")))
    assert [e["UID"] for e in again] == [e["UID"] for e in found]

    EventIndexPage.objects.filter(pk=calendar.pk).update(closures_in_feed=False)
    cal = parse(client.get("/events/calendar.ics"))
    assert not _closures(cal) and len(vevents(cal)) == 1  # the series stays

    only = parse(client.get("/events/closures.ics"))
    assert sorted(e.decoded("DTSTART") for e in vevents(only)) == [day for day, _ in expected]
    assert str(only["X-WR-CALNAME"]) == "Events: office closures"
    assert not list(only.walk("VTIMEZONE"))


def test_the_calendar_page_offers_both_feeds(client, calendar):
    _with_rules(calendar)
    html = client.get("/events/").content.decode()
    assert 'href="webcal://testserver/events/calendar.ics"' in html
    assert 'href="webcal://testserver/events/closures.ics"' in html
    assert 'href="http://testserver/events/closures.ics" download' in html


def test_a_closures_feed_exists_only_under_a_calendar(client, calendar):
    publish(MeetingSeriesPageFactory(parent=calendar, slug="board", live=False))
    assert client.get("/events/closures.ics").status_code == 200
    assert client.get("/events/board/closures.ics").status_code == 404
    assert client.get("/nowhere/closures.ics").status_code == 404
