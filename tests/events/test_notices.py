"""Short-notice changes: a date cancelled or moved within 7 days of it gets a notice on the
series page and the calendar, a higher SEQUENCE and a prefixed SUMMARY in the feed."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from events import notices
from events.choices import Frequency
from events.models import DateChangeNotice, MeetingSeriesPage, SeriesDateChange

from .factories import MeetingSeriesPageFactory, publish
from .icalutil import parse, vevents

pytestmark = pytest.mark.clock  # reads today's date (tests/clock.py)

CHICAGO = ZoneInfo("America/Chicago")


def at(*args):
    return dt.datetime(*args, tzinfo=CHICAGO)


def _weekly(calendar, **kwargs):
    defaults = {"frequency": Frequency.WEEKLY, "weekdays": [2], "first_date": dt.date(2030, 1, 2)}
    return publish(MeetingSeriesPageFactory(parent=calendar, live=False, **(defaults | kwargs)))


def _change(page, **kwargs):
    SeriesDateChange.objects.update_or_create(page=page, date=kwargs.pop("date"), defaults=kwargs)


def test_only_changes_published_within_seven_days_of_their_date_get_a_notice(calendar):
    page = _weekly(calendar, title="Board")
    _change(page, date=dt.date(2030, 12, 4), cancelled=True)
    _change(page, date=dt.date(2030, 12, 11), new_date=dt.date(2030, 12, 13))
    _change(page, date=dt.date(2031, 1, 8), new_start_time=dt.time(19))
    notices.record(page, now=at(2030, 11, 27, 9))  # 7 days before Dec 4, 14 before Dec 11
    _change(page, date=dt.date(2030, 12, 18), new_date=dt.date(2030, 12, 19))
    notices.record(page, now=at(2030, 12, 12, 9))  # 6 days before Dec 18: late
    series = MeetingSeriesPage.objects.filter(pk=page.pk)

    texts = [item["text"] for item in notices.current(series, now=at(2030, 12, 1))]
    assert texts == ["Wed, Dec 4: cancelled", "Wed, Dec 18: moved to Dec 19"]
    # Gone once the date has passed; a move stays until its new date.
    texts = [item["text"] for item in notices.current(series, now=at(2030, 12, 19, 8))]
    assert texts == ["Wed, Dec 18: moved to Dec 19"]
    assert notices.current(series, now=at(2030, 12, 20)) == []

    # Publishing again leaves the first-published time alone; a different move is new.
    notices.record(page, now=at(2031, 1, 7))
    assert DateChangeNotice.objects.get(date=dt.date(2030, 12, 4)).announced_at == at(
        2030, 11, 27, 9
    )
    _change(page, date=dt.date(2031, 1, 8), new_start_time=dt.time(20))
    notices.record(page, now=at(2031, 1, 7))
    texts = [item["text"] for item in notices.current(series, now=at(2031, 1, 7, 12))]
    assert texts == ["Wed, Jan 8: moved to 8:00 p.m."]


def test_a_late_change_shows_on_the_pages_and_in_the_feed(client, calendar):
    today = timezone.now().astimezone(CHICAGO).date()
    soon, later, far = (today + dt.timedelta(days=n) for n in (2, 4, 30))
    page = _weekly(
        calendar,
        slug="board",
        title="Executive Board",
        weekdays=sorted({soon.weekday(), later.weekday(), far.weekday()}),
        first_date=today - dt.timedelta(days=14),
    )
    before = vevents(parse(client.get("/events/board/calendar.ics")))[0]["SEQUENCE"]
    page.date_changes = [
        SeriesDateChange(date=soon, cancelled=True),
        SeriesDateChange(date=later, new_date=later + dt.timedelta(days=1)),
        SeriesDateChange(date=far, cancelled=True),
    ]
    page = publish(page)
    cancelled = f"{soon:%a}, {soon:%b} {soon.day}: cancelled"
    new = later + dt.timedelta(days=1)
    moved = f"{later:%a}, {later:%b} {later.day}: moved to {new:%b} {new.day}"

    series_html = client.get("/events/board/").content.decode()
    assert cancelled in series_html and moved in series_html
    assert f"{far:%b} {far.day}: cancelled" not in series_html  # a month ahead: no notice
    calendar_html = client.get("/events/").content.decode()
    top = calendar_html.split('id="change-notices-heading"')[1].split("</section>")[0]
    assert "Executive Board" in top and cancelled in top and moved in top

    cal = parse(client.get("/events/board/calendar.ics"))
    events = vevents(cal, f"series-{page.pk}@opeiu.org")
    master = next(e for e in events if "RECURRENCE-ID" not in e)
    assert master["SEQUENCE"] > before
    overrides = {e.decoded("RECURRENCE-ID").date(): e for e in events if "RECURRENCE-ID" in e}
    assert str(overrides[soon]["SUMMARY"]) == "Cancelled: Executive Board"
    assert str(overrides[soon]["STATUS"]) == "CANCELLED"
    assert str(overrides[later]["SUMMARY"]) == "Moved: Executive Board"
    # A cancellation a month ahead is a cancelled instance too (never an EXDATE, which would
    # lose it and its note), announced in its SUMMARY like a late one.
    assert "EXDATE" not in master
    assert str(overrides[far]["STATUS"]) == "CANCELLED"
    assert str(overrides[far]["SUMMARY"]) == "Cancelled: Executive Board"


def test_a_private_series_gives_no_notice_on_the_calendar(client, calendar):
    today = timezone.now().astimezone(CHICAGO).date()
    soon = today + dt.timedelta(days=3)
    page = _weekly(calendar, slug="secret", weekdays=[soon.weekday()], first_date=today)
    page.date_changes = [SeriesDateChange(date=soon, cancelled=True)]
    page = publish(page)
    assert "change-notices-heading" in client.get("/events/").content.decode()
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    assert "change-notices-heading" not in client.get("/events/").content.decode()
