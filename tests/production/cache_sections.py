"""The International and two locals, each with news, a feed and a calendar: what the cache
scoping tests (and the Redis test) publish into and read from."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from tests.events.factories import EventIndexPageFactory, EventPageFactory, publish
from tests.locals.helpers import build_locals_tree
from tests.news.factories import NewsIndexPageFactory, NewsPageFactory


@dataclass
class Sections:
    tree: object
    news212: object
    calendar212: object
    calendar12: object
    calendar_international: object

    # Everything a visitor of the International or Local 12 reads.
    unrelated_urls = (
        "/",
        "/news/",
        "/locals/local-12/",
        "/locals/local-12/news/",
        "/locals/local-12/news/rss/",
        "/locals/local-12/news/atom/",
        "/locals/local-12/calendar/",
        "/locals/local-12/calendar/calendar.ics",
        "/locals/local-12/local12-news/",
    )


def build_sections(home):
    tree = build_locals_tree(home)
    indexes = {}
    for key, section in (("int", home), ("12", tree.local12), ("212", tree.local212)):
        indexes[key] = publish(NewsIndexPageFactory(parent=section, title="News", slug="news"))
        publish(
            NewsPageFactory(parent=indexes[key], title=f"First post of {key}", slug="first-post")
        )
    calendars = {
        key: publish(
            EventIndexPageFactory(
                parent=section, title="Calendar", slug=slug, include_sub_sections=key == "int"
            )
        )
        for key, section, slug in (
            ("int", home, "events"),
            ("12", tree.local12, "calendar"),
            ("212", tree.local212, "calendar"),
        )
    }
    return Sections(
        tree=tree,
        news212=indexes["212"],
        calendar212=calendars["212"],
        calendar12=calendars["12"],
        calendar_international=calendars["int"],
    )


def new_post(index, title):
    return publish(NewsPageFactory(parent=index, title=title, date=dt.date(2031, 1, 1)))


def new_event(calendar, title):
    # Upcoming whatever today is: the test looks for it on the calendar's upcoming page.
    start = timezone.now().date() + dt.timedelta(days=90)
    return publish(EventPageFactory(parent=calendar, title=title, start_date=start))
