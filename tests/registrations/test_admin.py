"""Staff side: the owning local's staff switch registration on, see who registered and export
the list (formula-safe CSV); another local's staff get a 404 and change nothing."""

import csv
import datetime as dt
import io

import pytest
from django.utils import timezone

from registrations.models import Registration, RegistrationSettings
from tests.locals.helpers import login_as_local_editor, login_as_local_moderator

from .conftest import open_event

pytestmark = pytest.mark.clock  # the event is dated from today


def manage_url(page):
    return f"/admin/registrations/{page.pk}/"


def test_local_staff_switch_registration_on_and_the_page_shows_it(client, event):
    login_as_local_editor(client, 12)
    edit = client.get(f"/admin/pages/{event.pk}/edit/").content.decode()
    assert manage_url(event) in edit  # the "Registrations" button in the page header
    response = client.post(manage_url(event), {"enabled": "on", "capacity": "25"})
    assert response.status_code == 302
    row = RegistrationSettings.objects.get(page=event)
    assert (row.enabled, row.capacity, row.members_only, row.date) == (True, 25, False, None)
    client.logout()
    assert "25 places left" in client.get(event.url).content.decode()


def test_bad_settings_are_form_errors(client, event):
    login_as_local_moderator(client, 12)
    response = client.post(manage_url(event), {"enabled": "on", "capacity": "-3"})
    assert response.status_code == 200
    assert "greater than or equal to 0" in response.content.decode()
    assert not RegistrationSettings.objects.filter(page=event).exists()


def test_registrants_and_a_formula_safe_export(client, event):
    row = open_event(event, capacity=1)
    Registration.objects.create(
        settings=row, name='=HYPERLINK("http://evil.example","x")', email="a@example.org",
        phone="+1 555 0100", status="confirmed",
    )  # fmt: skip
    Registration.objects.create(
        settings=row, name="Ben Waiting", email="b@example.org", status="waitlisted"
    )
    login_as_local_editor(client, 12)
    page = client.get(manage_url(event)).content.decode()
    assert "Ben Waiting" in page and "Registered (1 of 1), waitlist (1)" in page
    response = client.get(f"{manage_url(event)}export/", {"format": "csv"})
    assert response["Content-Disposition"].startswith('attachment; filename="strike-school-')
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:4] == ["Name", "Email", "Phone", "Status"]
    assert rows[1][0] == '\'=HYPERLINK("http://evil.example","x")'
    assert rows[1][2] == "'+1 555 0100"
    assert rows[2][:4] == ["Ben Waiting", "b@example.org", "", "On the waitlist"]


def test_another_locals_staff_are_refused_and_change_nothing(client, event, series):
    row = open_event(event, capacity=4)
    Registration.objects.create(settings=row, name="Private Person", email="p@example.org",
                                status="confirmed")  # fmt: skip
    login_as_local_editor(client, 212)
    for response in (
        client.get(manage_url(event)),
        client.get(f"{manage_url(event)}export/", {"format": "csv"}),
        client.post(manage_url(event), {"enabled": "", "capacity": "0"}),
        client.get(manage_url(series)),
    ):
        # A 404, as for an entry that does not exist: nothing says it takes registrations.
        assert response.status_code == 404
    row.refresh_from_db()
    assert (row.enabled, row.capacity) == (True, 4)
    assert manage_url(event) not in client.get(f"/admin/pages/{event.pk}/edit/").content.decode()


def test_a_series_date_is_set_up_on_its_own(client, series):
    login_as_local_editor(client, 12)
    listing = client.get(manage_url(series)).content.decode()
    today = timezone.localdate()
    date = next(d for d in series.dates(today + dt.timedelta(days=30)) if d > today)
    assert f"?date={date.isoformat()}" in listing
    response = client.post(manage_url(series), {"date": date.isoformat(), "enabled": "on",
                                                "capacity": "8"})  # fmt: skip
    assert response.status_code == 302
    assert RegistrationSettings.objects.get(page=series).date == date
    # A day that is not one of the series' dates, or no date at all, is a 404.
    assert (
        client.get(
            manage_url(series), {"date": (date + dt.timedelta(days=1)).isoformat()}
        ).status_code
        == 404
    )
    assert client.get(manage_url(series), {"date": "2026-13-45"}).status_code == 404


def test_a_page_that_is_not_an_event_is_404(client, world):
    login_as_local_editor(client, 12)
    assert client.get(manage_url(world[0].local12_page)).status_code == 404
    assert client.get("/admin/registrations/999999/").status_code == 404
