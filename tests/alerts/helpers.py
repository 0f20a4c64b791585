"""A local with a calendar and its monthly Membership meetings, built for the alerts tests."""

import datetime as dt
import re
from types import SimpleNamespace

from django.utils import timezone

from events.choices import AttendanceMode, Frequency
from tests.events.factories import EventIndexPageFactory, MeetingSeriesPageFactory, publish
from tests.locals.helpers import build_locals_tree

MEMBERSHIP = "Membership meetings"
ZONE = "America/Chicago"


def build_world(home):
    tree = build_locals_tree(home)
    calendar = publish(EventIndexPageFactory(parent=tree.local12, slug="events"))
    # Weekly on Wednesdays at 6 p.m. Chicago time, starting a while ago: always a next one.
    start = timezone.localdate() - dt.timedelta(days=60)
    series = publish(
        MeetingSeriesPageFactory(
            parent=calendar,
            title=MEMBERSHIP,
            slug="membership",
            frequency=Frequency.WEEKLY,
            weekdays=[2],
            start_time=dt.time(18),
            first_date=start,
            time_zone=ZONE,
            attendance_mode=AttendanceMode.ONLINE,
        )
    )
    return SimpleNamespace(tree=tree, calendar=calendar, series=series)


def next_meeting(series, after=0):
    """The date of the series' next meeting (after today), or the one `after` later."""
    today = timezone.now().astimezone(series.zone).date()
    dates = [d for d in series.dates(today + dt.timedelta(days=120)) if d > today]
    return dates[after]


def link(text, kind):
    """The first /alerts/<kind>/<token>/ URL in `text`."""
    return re.search(rf"https?://[^\s\"<>]+/alerts/{kind}/[^/\s\"<>]+/", text).group(0)
