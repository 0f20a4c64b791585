"""Bounded work (issue 22, item 9): every calendar input is validated to a finite range and
refused with a form error or a plan warning at once, never a 500 or a worker held for
seconds. Each case is timed loosely (a regression to unbounded work takes tens of seconds)."""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from events.importer import ImportFileError, make_plan
from events.models import EventPage, MeetingSeriesPage, Occurrence

from .test_admin import _series_post
from .test_date_change_view import next_date, series, tree  # noqa: F401 (fixtures)
from .test_date_change_view import url as change_url
from .test_import import TODAY
from .test_import_admin import _staff

BOUND = 5  # seconds: far above what each case takes (well under one), far below a hang

CALENDAR = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:test\r\nBEGIN:VEVENT\r\nUID:h1@example.org\r\n"
    "DTSTAMP:20260101T000000Z\r\nSUMMARY:Hostile\r\n{lines}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)
START = "DTSTART;TZID=America/Chicago:20270105T180000"


def ics(*lines):
    return CALENDAR.format(lines="\r\n".join(lines)).encode()


REFUSED = {
    "year-1": (ics("DTSTART:00010101T000000Z"), "not between 1900 and 2200"),
    "year-9999-series": (
        ics("DTSTART;TZID=America/Chicago:99990105T180000", "RRULE:FREQ=WEEKLY"),
        "not between 1900 and 2200",
    ),
    "until-9999": (ics(START, "RRULE:FREQ=WEEKLY;UNTIL=99991231T000000Z"), "UNTIL"),
    "huge-duration": (ics(START, "DURATION:P99999999D"), "DURATION"),
    "negative-duration": (ics(START, "DURATION:-PT1H"), "DURATION"),
    "bysetpos-0": (ics(START, "RRULE:FREQ=MONTHLY;BYDAY=TU;BYSETPOS=0"), "BYSETPOS=0"),
    "bymonthday-0": (ics(START, "RRULE:FREQ=MONTHLY;BYMONTHDAY=0"), "BYMONTHDAY=0"),
    "count-billion": (ics(START, "RRULE:FREQ=SECONDLY;COUNT=1000000000"), "COUNT"),
    "count-million": (ics(START, "RRULE:FREQ=DAILY;COUNT=1000000"), "COUNT"),
    "interval-huge": (ics(START, "RRULE:FREQ=YEARLY;INTERVAL=99999999"), "INTERVAL"),
    "no-freq": (ics(START, "RRULE:BYDAY=MO"), "FREQ"),
    "long-event": (ics(START, "DTEND;TZID=America/Chicago:21990105T180000"), "lasts more"),
    "lower-case-flood": (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
        + b"begin:vevent\r\nuid:x\r\ndtstart:20270101T100000\r\nend:vevent\r\n" * 2001
        + b"END:VCALENDAR\r\n",
        "more than 2000 events",
    ),
}


@pytest.mark.parametrize("name", list(REFUSED))
def test_hostile_files_are_refused_at_once(calendar, name):
    data, message = REFUSED[name]
    began = time.perf_counter()
    with pytest.raises(ImportFileError, match=message):
        make_plan(data, calendar, TODAY)
    assert time.perf_counter() - began < BOUND


@pytest.mark.parametrize(
    ("rule", "warning"),
    [
        ("FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30", "repeats more than once a day"),
        ("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "its rule gives no dates"),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30;COUNT=5", "its rule gives no dates"),
    ],
    ids=["secondly-never", "daily-never", "yearly-never-count"],
)
def test_rules_that_never_match_stop_at_once(calendar, rule, warning):
    began = time.perf_counter()
    plan = make_plan(ics(START, f"RRULE:{rule}"), calendar, TODAY)
    assert time.perf_counter() - began < BOUND
    assert not plan.actions and warning in " ".join(plan.warnings)


def test_the_admin_shows_a_hostile_file_as_a_form_error(client, django_user_model, calendar):
    client.force_login(_staff(django_user_model, calendar, "add_page", "publish_page"))
    url = reverse("events_import", args=[calendar.pk])
    for name in ("year-1", "bysetpos-0", "huge-duration"):
        upload = SimpleUploadedFile("x.ics", REFUSED[name][0], content_type="text/calendar")
        response = client.post(url, {"file": upload, "preview": "1"})
        assert response.status_code == 200, name
        assert response.context["form"].non_field_errors(), name
    assert not EventPage.objects.exists()


def _event_post(**changes):
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    data = {
        "title": "Far future",
        "slug": "far-future",
        "start_date": "9999-12-31",
        "start_time": "18:00",
        "end_time": "19:00",
        "time_zone": "America/Chicago",
        "attendance_mode": "in_person",
        "status": "scheduled",
        "body": streamfield([]),
        "action-publish": "publish",
    }
    data.update(changes)
    return nested_form_data(data)


@pytest.mark.clock
def test_an_event_on_9999_12_31_is_a_form_error_and_never_live(editor, calendar):
    url = f"/admin/pages/add/events/eventpage/{calendar.pk}/"
    response = editor.post(url, _event_post())
    assert response.status_code == 200
    assert "start_date" in response.context["form"].errors
    assert not EventPage.objects.exists() and not Occurrence.objects.exists()
    assert editor.get("/events/calendar.ics").status_code == 200


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"first_date": "9999-12-31"}, "first_date"),
        ({"last_date": "9999-12-31"}, "last_date"),
        ({"first_date": "0001-01-01"}, "first_date"),
        ({"duration_minutes": "99999999"}, "duration_minutes"),
        ({"frequency": "dates", "explicit_dates": "2027-01-05\n9999-12-31"}, "explicit_dates"),
    ],
    ids=["first-9999", "last-9999", "first-0001", "duration", "listed-9999"],
)
@pytest.mark.clock
def test_series_dates_out_of_range_are_form_errors(editor, calendar, changes, field):
    url = f"/admin/pages/add/events/meetingseriespage/{calendar.pk}/"
    response = editor.post(url, _series_post(**changes))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not MeetingSeriesPage.objects.exists()


@pytest.mark.clock
def test_a_date_change_to_year_9999_is_a_form_error(editor, calendar):
    url = f"/admin/pages/add/events/meetingseriespage/{calendar.pk}/"
    response = editor.post(
        url,
        _series_post(date_changes=[{"date": "2025-01-14", "new_date": "9999-12-31"}]),
    )
    assert response.status_code == 200
    assert not MeetingSeriesPage.objects.exists()
    formset = response.context["form"].formsets["date_changes"]
    assert any("new_date" in form.errors for form in formset.forms)


@pytest.mark.clock
def test_moving_a_meeting_to_year_9999_is_a_form_error(client, series):  # noqa: F811
    from tests.locals.helpers import login_as_local_moderator

    login_as_local_moderator(client, 12)
    when = next_date(series)
    response = client.post(
        change_url(series),
        {"date": when.isoformat(), "new_date": "9999-12-31", "action": "publish"},
    )
    assert response.status_code == 200
    assert "between 1900 and 2200" in response.content.decode()
    assert not MeetingSeriesPage.objects.get(pk=series.pk).date_changes.filter(date=when).exists()
