"""What a section's page leads with (issue 27): the next date of each series and event, not
five of one; the office closures from today on, in date order; the subscribe links."""

import datetime as dt
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.template import Context, Template

from demo.events import closure_rules
from events import queries
from events.models import SeriesDateChange
from events.subscribe_links import subscribe_links

from .factories import EventPageFactory, MeetingSeriesPageFactory, publish

# Monday, December 7, 2026, noon in Minnesota.
NOW = dt.datetime(2026, 12, 7, 18, tzinfo=dt.UTC)
pytestmark = pytest.mark.time_machine(NOW, tick=False)


@pytest.fixture
def section(home, calendar):
    """A calendar with a weekly call (every Tuesday), a monthly meeting whose next date is
    cancelled, a future one-off event, a past one, and Local 12's closure rules."""
    publish(
        MeetingSeriesPageFactory(
            parent=calendar, title="Weekly call", frequency="weekly", weekdays=[1], live=False
        )
    )
    monthly = MeetingSeriesPageFactory(parent=calendar, title="Membership meeting", live=False)
    # The first Wednesday of January 2027 is the 6th: cancelled, so February 3 is next.
    monthly.date_changes = [SeriesDateChange(date=dt.date(2027, 1, 6), cancelled=True)]
    publish(monthly)
    publish(
        EventPageFactory(
            parent=calendar, title="Picnic", start_date=dt.date(2027, 6, 5), live=False
        )
    )
    publish(
        EventPageFactory(
            parent=calendar, title="Old rally", start_date=dt.date(2026, 9, 1), live=False
        )
    )
    for rule in closure_rules():
        rule.page = calendar
        rule.save()
    return home


@pytest.mark.clock
def test_the_next_date_that_takes_place_of_each_series_and_event(section):
    items = queries.next_of_each(section)
    shown = [(item.title, item.local_date) for item in items]
    assert shown == [
        ("Weekly call", dt.date(2026, 12, 8)),
        ("Membership meeting", dt.date(2027, 2, 3)),  # January 6 is cancelled
        ("Picnic", dt.date(2027, 6, 5)),
    ]
    # The weekly call has many more dates ahead: they do not crowd the others out.
    assert len(queries.upcoming(section, limit=5)) == 5
    assert {item.title for item in queries.upcoming(section, limit=5)} <= {
        "Weekly call",
        "Membership meeting",
    }


@pytest.mark.clock
def test_closures_start_today_in_date_order(section):
    ahead = queries.closures_ahead(section, dt.date(2026, 12, 7))
    days = [day for day, _ in ahead]
    assert days[0] == dt.date(2026, 12, 24)  # not last January's, not November's
    assert days == sorted(days) and days[-1] < dt.date(2027, 12, 7)
    assert (dt.date(2026, 11, 27), "Day after Thanksgiving Day") not in ahead
    assert (dt.date(2027, 11, 26), "Day after Thanksgiving Day") in ahead


@pytest.mark.clock
def test_coming_up_block_lists_each_series_and_the_next_closure(section, rf):
    request = rf.get("/")
    html = Template("{% load events_tags %}{% coming_up page %}").render(
        Context({"page": section, "request": request})
    )
    assert html.count('class="coming-up__item"') == 3
    assert "Wednesday, February 3, 2027" in html
    assert (
        'Office closed next:</strong> <time datetime="2026-12-24">Thursday, December 24, 2026'
        in html
    )


def test_subscribe_links_open_each_app_on_the_feed():
    https = "https://opeiu.example/locals/local-12/events/calendar.ics"
    webcal = "webcal://opeiu.example/locals/local-12/events/calendar.ics"
    links = subscribe_links(https, webcal, "Meetings & events")
    google = urlsplit(links["google"])
    assert google.netloc == "calendar.google.com" and parse_qs(google.query) == {"cid": [webcal]}
    outlook = urlsplit(links["outlook"])
    assert outlook.netloc == "outlook.live.com" and outlook.path.endswith("/addfromweb")
    assert parse_qs(outlook.query) == {"url": [https], "name": ["Meetings & events"]}
    assert links["apple"] == webcal


@pytest.mark.clock
def test_the_calendar_lists_closures_from_today_too(client, section):
    html = client.get("/events/").content.decode()
    listed = re.findall(r'<li><time datetime="([\d-]+)">', html.split('class="closure-list"')[1])
    assert listed[0] == "2026-12-24" and listed == sorted(listed)
