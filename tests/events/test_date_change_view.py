"""The one-form meeting change (issue 13, item 2): pick a date the rule gives, change it, and
publish or submit it for approval; only staff who can edit the series may use it."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import WorkflowState

from events.choices import AttendanceMode, EventStatus
from events.models import MeetingSeriesPage, Occurrence, SeriesDateChange
from tests.locals.helpers import (
    build_locals_tree,
    login_as_local_editor,
    login_as_local_moderator,
)

from .factories import EventIndexPageFactory, MeetingSeriesPageFactory, publish

pytestmark = pytest.mark.clock  # reads today's date (tests/clock.py)


@pytest.fixture
def tree(home):
    return build_locals_tree(home)


@pytest.fixture
def series(tree):
    calendar = publish(EventIndexPageFactory(parent=tree.local12, slug="events"))
    page = MeetingSeriesPageFactory(parent=calendar, title="Executive Board meetings")
    page.date_changes = [
        SeriesDateChange(date=dt.date(2025, 3, 5), attendance_mode=AttendanceMode.IN_PERSON)
    ]
    return publish(page)


def next_date(series):
    today = timezone.now().astimezone(series.zone).date()
    return next(date for date in series.dates(today + dt.timedelta(days=60)) if date >= today)


def url(series, **query):
    base = reverse("opeiu_meetings:change", args=[series.pk])
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def shown(client, series, when):
    """The change form's "loaded" token for `when`, as the form filled for it carries it."""
    html = client.get(url(series, date=when.isoformat())).content.decode()
    return re.search(r'name="loaded" value="([^"]*)"', html).group(1)


def test_editor_sees_the_rule_dates_and_submits_for_approval(client, series, tree):
    login_as_local_editor(client, 12)
    when = next_date(series)
    response = client.get(url(series, date=when.isoformat()))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<option value="{when.isoformat()}" selected>' in html
    assert "Submit for approval" in html and ">Publish<" not in html
    # The past change is kept, folded away under the coming ones.
    assert "1 change to a past date" in html

    response = client.post(
        url(series),
        {
            "date": when.isoformat(),
            "attendance_mode": "in_person",
            "note": "At the office.",
            "loaded": shown(client, series, when),
        },
    )
    assert response.status_code == 302
    state = WorkflowState.objects.get(object_id=str(series.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    # Not public yet: the live series and its occurrences are unchanged.
    live = MeetingSeriesPage.objects.get(pk=series.pk)
    assert [c.date for c in live.date_changes.all()] == [dt.date(2025, 3, 5)]
    latest = live.get_latest_revision_as_object()
    change = next(c for c in latest.date_changes.all() if c.date == when)
    assert (change.attendance_mode, change.note) == ("in_person", "At the office.")


def test_moderator_publishes_and_the_calendar_changes(client, series):
    login_as_local_moderator(client, 12)
    when = next_date(series)
    response = client.post(
        url(series),
        {
            "date": when.isoformat(),
            "cancelled": "on",
            "action": "publish",
            "loaded": shown(client, series, when),
        },
    )
    assert response.status_code == 302
    occurrence = Occurrence.objects.get(page_id=series.pk, local_date=when)
    assert occurrence.status == EventStatus.CANCELLED
    # Putting the date back to the usual removes the change (and keeps the past one).
    loaded = shown(client, series, when)
    client.post(url(series), {"date": when.isoformat(), "action": "publish", "loaded": loaded})
    live = MeetingSeriesPage.objects.get(pk=series.pk)
    assert [c.date for c in live.date_changes.all()] == [dt.date(2025, 3, 5)]
    occurrence = Occurrence.objects.get(page_id=series.pk, local_date=when)
    assert occurrence.status == EventStatus.SCHEDULED


@pytest.mark.parametrize(
    "date, error",
    [
        (None, "Select a valid choice"),  # the day after a meeting
        ("2030-01-02T00:00", "Select a valid choice"),
        ("nonsense", "Select a valid choice"),
        ("", "This field is required"),
    ],
    ids=["day-after-a-meeting", "datetime", "junk", "empty"],
)
def test_a_date_the_rule_does_not_give_is_refused(client, series, date, error):
    login_as_local_moderator(client, 12)
    when = next_date(series)
    not_a_meeting = (when + dt.timedelta(days=1)).isoformat() if date is None else date
    before = series.get_latest_revision().pk
    response = client.post(url(series), {"date": not_a_meeting, "action": "publish"})
    assert response.status_code == 200
    assert error in response.content.decode()
    assert MeetingSeriesPage.objects.get(pk=series.pk).get_latest_revision().pk == before


def test_past_dates_cannot_be_chosen(client, series):
    login_as_local_moderator(client, 12)
    response = client.post(url(series), {"date": "2025-03-05", "action": "publish"})
    assert "Select a valid choice" in response.content.decode()


def test_cancel_and_move_together_is_a_form_error(client, series):
    login_as_local_moderator(client, 12)
    when = next_date(series)
    response = client.post(
        url(series),
        {"date": when.isoformat(), "cancelled": "on", "new_start_time": "19:00"},
    )
    assert response.status_code == 200
    assert "not both" in response.content.decode()


def test_other_locals_staff_are_refused(client, series):
    login_as_local_editor(client, 212)
    when = next_date(series)
    assert client.get(url(series)).status_code == 403
    response = client.post(url(series), {"date": when.isoformat(), "cancelled": "on"})
    assert response.status_code == 403
    assert not WorkflowState.objects.filter(object_id=str(series.pk)).exists()
    # Their meeting list does not offer Local 12's series either.
    listing = client.get(reverse("opeiu_meetings:list")).content.decode()
    assert "Executive Board meetings" not in listing


def test_bad_query_strings_are_not_errors(client, series):
    login_as_local_editor(client, 12)
    assert client.get(url(series, date="2025-99-99")).status_code == 200
    assert client.get(reverse("opeiu_meetings:list") + "?section=abc").status_code == 302
    assert client.get(reverse("opeiu_meetings:change", args=[999999])).status_code == 404


def test_series_form_lists_coming_changes_first_and_folds_past_ones(client, series):
    when = next_date(series)
    page = series.get_latest_revision_as_object()
    page.date_changes = list(page.date_changes.all()) + [
        SeriesDateChange(date=when, note="Coming change")
    ]
    page.save_revision().publish()
    login_as_local_moderator(client, 12)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[series.pk])).content.decode()
    coming = html.index(f'value="{when.isoformat()}"')
    folded = html.index('<details class="opeiu-past-changes">')
    past = html.index('value="2025-03-05"')
    assert coming < folded < past, "coming changes first, past ones folded after them"
    assert "1 change to a past date" in html
    # The rule panel's script (progressive enhancement) is on the form.
    assert "events/admin/series-rule" in html


def test_series_edit_page_offers_change_one_date(client, series):
    login_as_local_editor(client, 12)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[series.pk])).content.decode()
    assert "Change one date" in html and url(series) in html
