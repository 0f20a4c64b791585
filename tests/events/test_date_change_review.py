"""Issue 27, items 1-3: a meeting change nobody can lose and a moderator can see.

Local 12's Executive Board series is live with one change (Wed Mar 3, 2027: in person, "At
the office"). Picking a date fills the form with its change (server side, without JavaScript);
a send that would overwrite a change the editor was not shown is refused once, saying what is
there; the editor corrects or withdraws what waits for approval; the moderator sees each
date's before -> after in the dashboard, the approval email (real SMTP) and the preview, and
approving says what was published. The tree is built once for the module; every test rolls
back to it."""

import datetime as dt
import os
import re
import subprocess
import sys
from types import SimpleNamespace

import icalendar
import pytest
import time_machine
from django.contrib.messages import get_messages
from django.db import transaction
from django.urls import reverse
from wagtail.models import TaskState, WorkflowState

from events.choices import AttendanceMode, EventStatus
from events.date_changes import loaded_token
from events.date_diff import revision_lines
from events.models import MeetingSeriesPage, Occurrence, SeriesDateChange
from tests.conftest import make_home
from tests.locals.helpers import build_locals_tree, login_as_local_editor, login_as_local_moderator
from tests.smtp import text_part

from .factories import EventIndexPageFactory, MeetingSeriesPageFactory, VenueFactory, publish

pytestmark = pytest.mark.clock  # reads today's date (tests/clock.py)

NOW = dt.datetime(2027, 2, 20, 18, tzinfo=dt.UTC)  # a Saturday; the next board date is Mar 3
MAR3, APR7 = dt.date(2027, 3, 3), dt.date(2027, 4, 7)
BOARD = "Executive Board meetings"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    frozen = time_machine.travel(NOW, tick=False)
    with frozen, django_db_blocker.unblock(), transaction.atomic():
        tree = build_locals_tree(make_home())
        calendar = publish(EventIndexPageFactory(parent=tree.local12, slug="events"))
        office = VenueFactory(name="Local 12 office")
        hall = VenueFactory(name="Carpenters Hall")
        page = MeetingSeriesPageFactory(parent=calendar, title=BOARD, venue=office)
        page.date_changes = [
            SeriesDateChange(
                date=MAR3, attendance_mode=AttendanceMode.IN_PERSON, note="At the office"
            )
        ]
        series = publish(page)
        yield SimpleNamespace(series=series, hall=hall)
        transaction.set_rollback(True)


@pytest.fixture
def series(world, db):
    return MeetingSeriesPage.objects.get(pk=world.series.pk)


def change_url(series):
    return reverse("opeiu_meetings:change", args=[series.pk])


def loaded_value(html):
    return re.search(r'name="loaded" value="([^"]*)"', html).group(1)


def send(client, series, date, loaded=None, **fields):
    data = {"date": date.isoformat(), "action": "submit", **fields}
    data["loaded"] = loaded_token(date, None) if loaded is None else loaded
    return client.post(change_url(series), data)


def latest_change(series, date):
    page = MeetingSeriesPage.objects.get(pk=series.pk).get_latest_revision_as_object()
    return next((change for change in page.date_changes.all() if change.date == date), None)


def flashed(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_picking_a_date_shows_its_change_without_javascript(client, series):
    login_as_local_editor(client, 12)
    # "Show this date's change": the server fills the fields from the picked date.
    response = client.post(change_url(series), {"date": MAR3.isoformat(), "action": "show"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="At the office"' in html
    assert re.search(r'<option value="in_person"\s+selected>', html)
    assert loaded_value(html) == loaded_token(MAR3, series.date_changes.get())
    # With JavaScript: every offered date's change is in the page for the script to fill in.
    html = client.get(change_url(series)).content.decode()
    assert '"2027-03-03": {"cancelled": false' in html and '"note": "At the office"' in html
    assert "change-date.js" in html


def test_a_send_over_a_change_not_shown_is_refused_once_saying_what_is_there(client, series):
    login_as_local_editor(client, 12)
    before = series.get_latest_revision().pk
    # The fields were filled for an unchanged date (loaded "-"), then Mar 3 was picked.
    response = send(client, series, MAR3, note="Bring your badge")
    html = response.content.decode()
    assert response.status_code == 200
    assert "already has a change: In person" in html and "At the office" in html
    assert 'value="Bring your badge"' in html, "what was typed is kept"
    assert MeetingSeriesPage.objects.get(pk=series.pk).get_latest_revision().pk == before
    # Sent again as shown, it replaces the change.
    response = send(client, series, MAR3, loaded=loaded_value(html), note="Bring your badge")
    assert response.status_code == 302
    assert latest_change(series, MAR3).note == "Bring your badge"


def test_editor_corrects_then_withdraws_while_waiting_for_approval(client, series):
    login_as_local_editor(client, 12)
    assert send(client, series, APR7, attendance_mode="in_person", note="v1").status_code == 302
    html = client.get(change_url(series) + f"?date={APR7}").content.decode()
    assert "locked by someone else" not in html
    assert "Waiting for approval" in html and "Online (as usual)" in html and "v1" in html

    token = loaded_value(html)
    response = send(client, series, APR7, loaded=token, attendance_mode="in_person", note="v2")
    assert response.status_code == 302
    assert latest_change(series, APR7).note == "v2"
    states = WorkflowState.objects.filter(object_id=str(series.pk))
    assert states.filter(status=WorkflowState.STATUS_IN_PROGRESS).count() == 1
    assert states.filter(status=WorkflowState.STATUS_CANCELLED).count() == 1

    response = client.post(change_url(series), {"withdraw": APR7.isoformat()})
    assert response.status_code == 302
    assert "withdrawn; nothing of this series waits" in flashed(response)[-1]
    assert not states.filter(status=WorkflowState.STATUS_IN_PROGRESS).exists()
    assert latest_change(series, APR7) is None
    assert revision_lines(MeetingSeriesPage.objects.get(pk=series.pk)) == []


def test_moderator_sees_the_change_in_email_dashboard_and_preview_then_approves(
    client, series, world, smtp, settings
):
    settings.WAGTAILADMIN_BASE_URL = "https://members.opeiu.example"
    moderator = login_as_local_moderator(client, 12)
    moderator.email = "moderator@local12.example"
    moderator.save()
    login_as_local_editor(client, 12)
    fields = {"attendance_mode": "in_person", "venue": world.hall.pk, "note": "Hall this time"}
    assert send(client, series, APR7, **fields).status_code == 302
    line = "Wed, April 7, 2027: Online (as usual) -> In person, at Carpenters Hall"

    [email] = smtp.messages
    assert email["To"] == "moderator@local12.example"
    text = text_part(email)
    assert line in text and "Hall this time" in text
    preview = reverse("wagtailadmin_pages:workflow_preview", args=[series.pk, 1]).split("/1/")[0]
    assert f"https://members.opeiu.example{preview}" in text
    assert "127.0.0.1:8000" not in text

    client.force_login(moderator)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    row = dashboard[dashboard.index("Waiting for your approval") :]
    assert "Online (as usual)" in row and "In person, at Carpenters Hall" in row
    assert "Hall this time" in row

    state = TaskState.objects.get(status=TaskState.STATUS_IN_PROGRESS)
    preview = client.get(
        reverse("wagtailadmin_pages:workflow_preview", args=[series.pk, state.task_id])
    )
    html = preview.content.decode()
    april = html[html.index('datetime="2027-04-07') :].split("</li>")[0]
    assert "In person" in april and "Carpenters Hall" in april and "Hall this time" in april

    response = client.post(reverse("opeiu_approve", args=[state.pk]))
    assert response.status_code == 302
    [message] = flashed(response)
    assert f"“{BOARD}” is approved and published." in message and line in message
    april = Occurrence.objects.get(page_id=series.pk, local_date=APR7)
    assert (april.venue_id, april.note) == (world.hall.pk, "Hall this time")
    assert april.status == EventStatus.SCHEDULED


def test_a_stale_approval_is_refused_and_says_why(client, series):
    login_as_local_editor(client, 12)
    send(client, series, APR7, note="first")
    first = TaskState.objects.get(status=TaskState.STATUS_IN_PROGRESS)
    html = client.get(change_url(series) + f"?date={APR7}").content.decode()
    send(client, series, APR7, loaded=loaded_value(html), note="second")
    login_as_local_moderator(client, 12)
    response = client.post(reverse("opeiu_approve", args=[first.pk]))
    assert "no longer waits for this approval" in flashed(response)[-1]
    assert not series.date_changes.filter(date=APR7).exists(), "nothing was published"


def page_item(html, date):
    """The series page's list item of `date` (its <time datetime> starts with the date)."""
    return html[html.index(f'datetime="{date.isoformat()}') :].split("</li>")[0]


def test_a_date_at_another_hall_and_a_cancelled_date_as_members_see_them(client, series, world):
    login_as_local_moderator(client, 12)
    may5 = dt.date(2027, 5, 5)
    hall = {"attendance_mode": "in_person", "venue": world.hall.pk, "note": "Hall this time"}
    assert send(client, series, APR7, action="publish", **hall).status_code == 302
    cancel = {"cancelled": "on", "note": "No quorum in May"}
    assert send(client, series, may5, action="publish", **cancel).status_code == 302
    client.logout()

    html = client.get(series.url).content.decode()
    april = page_item(html, APR7)
    assert "In person" in april and "Carpenters Hall" in april and "Hall this time" in april
    may = page_item(html, may5)
    assert "Cancelled" in may and "No quorum in May" in may
    assert "badge--mode" not in may and "Local 12 office" not in may, "looks attendable"

    assert "Carpenters+Hall" in april, "its add-to-Google-Calendar link has the date's hall"

    feed = icalendar.Calendar.from_ical(client.get(series.url + "calendar.ics").content)
    [april_override] = [
        event
        for event in feed.walk("VEVENT")
        if event.get("recurrence-id") and event.decoded("recurrence-id").date() == APR7
    ]
    assert "Carpenters Hall" in str(april_override["location"])


def test_another_locals_staff_cannot_approve(client, series):
    login_as_local_editor(client, 12)
    send(client, series, APR7, note="Ours")
    state = TaskState.objects.get(status=TaskState.STATUS_IN_PROGRESS)
    login_as_local_moderator(client, 212)
    # Wagtail's admin answers PermissionDenied with its dashboard and a "no permission" note.
    response = client.post(reverse("opeiu_approve", args=[state.pk]))
    assert response.status_code == 302 and "permission" in flashed(response)[-1]
    assert client.get(reverse("opeiu_approve", args=[state.pk])).status_code == 405
    assert client.post(reverse("opeiu_approve", args=[999999])).status_code == 404
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_IN_PROGRESS


def test_admin_links_use_the_sites_own_address_when_none_is_configured(tmp_path):
    """Without WAGTAILADMIN_BASE_URL, email links use the first allowed host (HTTPS in
    production), not a development address."""
    env = {key: value for key, value in os.environ.items() if key != "WAGTAILADMIN_BASE_URL"} | {
        "DEBUG": "False",
        "SECRET_KEY": "k" * 50,
        "ALLOWED_HOSTS": ".opeiu.org,www.opeiu.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "opeiu_site.settings",
    }
    code = "from django.conf import settings; print(settings.WAGTAILADMIN_BASE_URL)"
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "https://www.opeiu.org"
