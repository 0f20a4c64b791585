"""Line breaks and control characters in editors' text never break a feed.

A title pasted with a line break, or imported with a control character, reaches the calendar
name, SUMMARY, LOCATION and DESCRIPTION of the .ics feeds and the titles of RSS and Atom: each
feed still answers 200, parses, and shows the text flattened to one line."""

import datetime as dt

import feedparser
import pytest

from opeiu_site.core.feed_text import multi_line, one_line
from tests.events.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    MeetingSeriesPageFactory,
    VenueFactory,
    publish,
)
from tests.events.icalutil import parse, vevents
from tests.news.factories import NewsIndexPageFactory, NewsPageFactory

BROKEN_TITLE = "Bargaining\r\nupdate\n\x0b\x07night\u2028two"
FLAT_TITLE = "Bargaining update night two"


def test_one_line_and_multi_line():
    assert one_line(BROKEN_TITLE) == FLAT_TITLE
    assert one_line(None) == ""
    assert multi_line("Line one\r\nLine two\x00\rthree") == "Line one\nLine two\nthree"


@pytest.fixture
def calendar(home):
    return publish(EventIndexPageFactory(parent=home, slug="events", title="Events\nof the union"))


@pytest.mark.clock
@pytest.mark.parametrize("url", ["/events/calendar.ics", "/events/night/calendar.ics"])
def test_ics_with_line_breaks_and_control_characters(client, calendar, url):
    venue = VenueFactory(name="Union\nhall")
    publish(
        EventPageFactory(
            parent=calendar,
            slug="night",
            title=BROKEN_TITLE,
            venue=venue,
            start_date=dt.date(2030, 5, 1),
            registration_url="https://example.org/register",
        )
    )
    publish(MeetingSeriesPageFactory(parent=calendar, slug="series", title="Weekly\ncall"))
    cal = parse(client.get(url))
    expected_name = "Events of the union" if url == "/events/calendar.ics" else FLAT_TITLE
    assert str(cal["X-WR-CALNAME"]) == expected_name
    event = next(e for e in vevents(cal) if str(e["SUMMARY"]) == FLAT_TITLE)
    assert str(event["LOCATION"]).startswith("Union hall, ")
    assert "Registration recommended: https://example.org/register" in str(event["DESCRIPTION"])
    if url == "/events/calendar.ics":
        assert "Weekly call" in [str(e["SUMMARY"]) for e in vevents(cal)]


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_news_feeds_with_line_breaks_and_control_characters(client, home, kind):
    index = publish(NewsIndexPageFactory(parent=home, title="News\nroom"))
    publish(NewsPageFactory(parent=index, title=BROKEN_TITLE, summary="First\x08 line\nsecond"))
    response = client.get(f"/news/{kind}/")
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title.startswith("News room |")
    assert [entry.title for entry in feed.entries] == [FLAT_TITLE]
    assert "First line" in feed.entries[0].summary
