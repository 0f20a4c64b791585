"""Editors: where pages can be created, the series form (weekdays, per-date changes) validates,
and a meeting on an office closure is flagged after saving."""

import datetime as dt

import pytest
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from events.models import ClosureRule, EventIndexPage, EventPage, MeetingSeriesPage, Occurrence
from opeiu_site.home.models import HomePage, StandardPage

pytestmark = pytest.mark.clock  # reads today's date (tests/clock.py)


def test_page_types_live_only_where_they_belong(home, calendar):
    assert EventIndexPage.can_create_at(home)
    assert not EventPage.can_create_at(home) and not MeetingSeriesPage.can_create_at(home)
    assert EventPage.can_create_at(calendar) and MeetingSeriesPage.can_create_at(calendar)
    assert not StandardPage.can_create_at(calendar)
    assert "events.EventIndexPage" in [
        f"{m._meta.app_label}.{m.__name__}" for m in HomePage.allowed_subpage_models()
    ]


def _series_post(**changes):
    data = {
        "title": "CAT meetings",
        "slug": "cat",
        "frequency": "weekly",
        "start_time": "18:30",
        "duration_minutes": "60",
        "first_date": "2025-01-07",
        "time_zone": "America/Chicago",
        "attendance_mode": "online",
        "explicit_dates": "",
        "body": streamfield([]),
        "date_changes": inline_formset(changes.pop("date_changes", [])),
        "closure_rules": inline_formset([]),
        "action-publish": "publish",
    }
    data.update(changes)
    form = nested_form_data(data)
    form["weekdays"] = ["1"]  # a multiple choice: a list, not a nested structure
    return form


def test_editor_creates_a_weekly_series_with_a_change(editor, calendar):
    url = f"/admin/pages/add/events/meetingseriespage/{calendar.pk}/"
    assert editor.get(url).status_code == 200
    response = editor.post(
        url,
        _series_post(
            date_changes=[
                {
                    "date": "2025-01-14",
                    "cancelled": "on",
                    "new_date": "",
                    "new_start_time": "",
                    "attendance_mode": "",
                    "note": "Snow day",
                },
            ]
        ),
    )
    assert response.status_code == 302, (
        response.context["form"].errors,
        response.context["form"].formsets["date_changes"].errors,
    )
    series = MeetingSeriesPage.objects.get(slug="cat")
    assert series.live and series.weekdays == [1]
    cancelled = Occurrence.objects.get(page_id=series.pk, local_date=dt.date(2025, 1, 14))
    assert cancelled.status == "cancelled"
    assert editor.get(f"/admin/pages/{series.pk}/edit/").status_code == 200


def test_a_change_on_a_date_the_series_does_not_have_is_refused(editor, calendar):
    url = f"/admin/pages/add/events/meetingseriespage/{calendar.pk}/"
    response = editor.post(
        url,
        _series_post(
            date_changes=[
                {
                    "date": "2025-01-15",
                    "cancelled": "on",
                    "new_date": "",
                    "new_start_time": "",
                    "attendance_mode": "",
                    "note": "",
                },
            ]
        ),
    )
    assert response.status_code == 200
    assert "The series has no meeting on this date." in response.content.decode()
    assert not MeetingSeriesPage.objects.filter(slug="cat").exists()


def test_editor_is_warned_when_a_meeting_falls_on_a_closure(editor, calendar):
    # The closure falls on the series' first meeting (weekdays=["1"]: Tuesdays), the first
    # Tuesday at least a week from whatever today is.
    soon = timezone.now().date() + dt.timedelta(days=7)
    first = soon + dt.timedelta(days=(1 - soon.weekday()) % 7)
    ClosureRule.objects.create(
        page=calendar, name="Founders' Day", kind="fixed", month=first.month, day=first.day
    )
    url = f"/admin/pages/add/events/meetingseriespage/{calendar.pk}/"
    response = editor.post(url, _series_post(first_date=first.isoformat()), follow=True)
    assert "falls on office closures" in response.content.decode()
    assert "Founders" in response.content.decode()


def test_calendar_edit_form_renders(editor, calendar):
    assert editor.get(f"/admin/pages/{calendar.pk}/edit/").status_code == 200
    assert editor.get(f"/admin/pages/add/events/eventpage/{calendar.pk}/").status_code == 200
    assert editor.get("/admin/snippets/events/venue/add/").status_code == 200
