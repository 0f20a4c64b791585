"""Occurrences follow publishing: published, changed, unpublished, moved, deleted, extended."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import timezone

from events.choices import AttendanceMode, EventStatus
from events.models import EventPage, MeetingSeriesPage, Occurrence, SeriesDateChange
from events.occurrences import sync_page

from .factories import EventIndexPageFactory, EventPageFactory, MeetingSeriesPageFactory, publish

pytestmark = pytest.mark.clock  # reads today's date (tests/clock.py)

CHICAGO = ZoneInfo("America/Chicago")


def _dates(page):
    return [o.local_date for o in Occurrence.objects.filter(page_id=page.pk).order_by("start")]


def test_publishing_a_series_materialises_its_dates_in_local_time(calendar):
    series = publish(MeetingSeriesPageFactory(parent=calendar, live=False))
    rows = list(Occurrence.objects.filter(page_id=series.pk).order_by("start"))
    assert rows[0].local_date == dt.date(2025, 1, 1)
    assert all(row.local_date.weekday() == 2 and row.local_date.day <= 7 for row in rows)
    # 6:00 pm Central in winter (CST, UTC-6) and summer (CDT, UTC-5): same wall clock.
    march = next(r for r in rows if r.local_date == dt.date(2026, 3, 4))
    july = next(r for r in rows if r.local_date == dt.date(2026, 7, 1))
    november = next(r for r in rows if r.local_date == dt.date(2026, 11, 4))
    for row in (march, july, november):
        assert row.start.astimezone(CHICAGO).time() == dt.time(18)
    assert march.start.astimezone(dt.UTC).hour == 0 and july.start.astimezone(dt.UTC).hour == 23
    assert rows[-1].start <= timezone.now() + dt.timedelta(days=560)
    assert rows[-1].start >= timezone.now() + dt.timedelta(days=500)
    assert {r.calendar_id for r in rows} == {calendar.pk} and rows[
        0
    ].section_id == calendar.get_parent().pk


def test_date_changes_cancel_move_and_switch_mode(calendar):
    series = MeetingSeriesPageFactory(parent=calendar, live=False)
    series.date_changes = [
        SeriesDateChange(
            date=dt.date(2025, 1, 1),
            new_date=dt.date(2025, 1, 8),
            attendance_mode=AttendanceMode.IN_PERSON,
            note="Moved for the holiday",
        ),
        SeriesDateChange(date=dt.date(2025, 2, 5), cancelled=True),
    ]
    series = publish(series)
    rows = {
        o.original_start.astimezone(CHICAGO).date(): o
        for o in Occurrence.objects.filter(page_id=series.pk)
    }
    january = rows[dt.date(2025, 1, 1)]
    assert january.local_date == dt.date(2025, 1, 8) and january.moved
    assert (
        january.attendance_mode == AttendanceMode.IN_PERSON
        and january.note == "Moved for the holiday"
    )
    assert rows[dt.date(2025, 2, 5)].status == EventStatus.CANCELLED
    assert rows[dt.date(2025, 3, 5)].attendance_mode == AttendanceMode.ONLINE


def test_unpublish_delete_and_move_keep_the_table_in_step(home, calendar):
    event = publish(EventPageFactory(parent=calendar, live=False))
    assert _dates(event) == [dt.date(2030, 5, 1)]
    event.unpublish()
    assert _dates(event) == []
    event = publish(EventPage.objects.get(pk=event.pk))
    other = EventIndexPageFactory(parent=home, slug="other-calendar")
    event.move(other, pos="last-child")
    assert Occurrence.objects.get(page_id=event.pk).calendar_id == other.pk
    EventPage.objects.get(pk=event.pk).delete()
    assert not Occurrence.objects.filter(page_id=event.pk).exists()


def test_sequence_rises_on_each_published_change_and_survives_revisions(calendar):
    event = publish(EventPageFactory(parent=calendar, live=False))
    first = event.ical_sequence
    event.title = "Renamed"
    event = publish(event)
    assert event.ical_sequence == first + 1
    # A draft revision saved from an older copy does not roll the sequence back on publish.
    stale = EventPage.objects.get(pk=event.pk)
    stale.ical_sequence = 0
    revision = stale.save_revision()
    revision.publish()
    assert EventPage.objects.get(pk=event.pk).ical_sequence == first + 2


def test_extend_occurrences_moves_the_horizon(calendar):
    series = publish(MeetingSeriesPageFactory(parent=calendar, live=False))
    sync_page(series, horizon=dt.date(2025, 6, 30))
    assert _dates(series)[-1] == dt.date(2025, 6, 4)
    call_command("extend_occurrences")
    assert _dates(series)[-1] > timezone.now().date() + dt.timedelta(days=500)


def test_blank_time_zone_takes_the_sections(calendar, settings):
    series = MeetingSeriesPageFactory(parent=calendar, time_zone="")
    assert MeetingSeriesPage.objects.get(pk=series.pk).time_zone == settings.TIME_ZONE
