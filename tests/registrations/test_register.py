"""Registering from the event page: places left, the waitlist when full, one registration per
address, members only, a closed registration, a series date, and bad input as form errors."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from registrations.models import Registration, RegistrationSettings

from .conftest import open_event

pytestmark = pytest.mark.clock  # the event is dated from today


def post(client, settings_row, **fields):
    data = {"settings": settings_row.pk, "name": "Rosa Parks", "email": "rosa@example.org"}
    data.update(fields)
    return client.post("/register/", data)


def test_event_page_shows_the_form_and_places_left(client, event):
    open_event(event, capacity=2)
    html = client.get(event.url).content.decode()
    assert "2 places left" in html
    assert 'action="/register/"' in html
    for label in ("Your name", "Email", "Phone"):
        assert label in html


def test_no_form_when_registration_is_off(client, event):
    open_event(event, capacity=2, enabled=False)
    html = client.get(event.url).content.decode()
    assert 'action="/register/"' not in html


def test_full_event_puts_the_next_person_on_the_waitlist(client, event):
    row = open_event(event, capacity=1)
    first = post(client, row, email="first@example.org")
    assert "You are registered" in first.content.decode()
    second = post(client, row, name="Second", email="second@example.org")
    assert "You are on the waitlist" in second.content.decode()
    statuses = dict(row.registrations.values_list("email", "status"))
    assert statuses == {"first@example.org": "confirmed", "second@example.org": "waitlisted"}
    html = client.get(event.url).content.decode()
    assert "you can join the waitlist" in html and "Join the waitlist" in html


def test_a_double_submit_registers_once(client, event):
    row = open_event(event, capacity=5)
    post(client, row, email="rosa@example.org")
    again = post(client, row, email="ROSA@example.org ")
    assert "You had already registered" in again.content.decode()
    assert row.registrations.count() == 1
    assert "4 places left" in client.get(event.url).content.decode()


def test_the_database_refuses_a_second_live_registration(event):
    from django.db import IntegrityError, transaction

    row = open_event(event)
    Registration.objects.create(settings=row, name="A", email="a@example.org", status="confirmed")
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(
            settings=row, name="A", email="A@example.org", status="waitlisted"
        )


def test_bad_input_is_a_form_error_or_404_never_a_500(client, event):
    row = open_event(event, capacity=5)
    response = post(client, row, email="not an address", name="")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter a valid email address" in html and "This field is required" in html
    assert client.post("/register/", {"settings": "abc"}).status_code == 404
    assert client.post("/register/", {"settings": "999999"}).status_code == 404
    assert client.post("/register/", {}).status_code == 404
    assert post(client, row, phone="1" * 500).status_code == 400
    assert row.registrations.count() == 0


def test_after_the_deadline_nobody_registers(client, event):
    row = open_event(event, deadline=timezone.now() - dt.timedelta(minutes=1))
    response = post(client, row)
    assert response.status_code == 409
    assert "Registration is closed" in response.content.decode()
    assert row.registrations.count() == 0
    assert "Registration is closed" in client.get(event.url).content.decode()


def test_members_only_takes_the_locals_members(client, world, event):
    tree = world[0]
    row = open_event(event, members_only=True)
    assert "Sign in with your member account" in client.get(event.url).content.decode()
    assert post(client, row).status_code == 403

    users = get_user_model().objects
    outsider = users.create_user("local212-member", "m212@example.org")
    outsider.groups.add(tree.local212.access.members)
    client.force_login(outsider)
    assert post(client, row, email="m212@example.org").status_code == 403

    member = users.create_user("local12-member", "m12@example.org", first_name="Mae")
    member.groups.add(tree.local12.access.members)
    client.force_login(member)
    page = client.get(event.url).content.decode()
    assert 'value="m12@example.org"' in page  # the form is filled in for a signed-in member
    assert "You are registered" in post(client, row, email="m12@example.org").content.decode()
    assert list(row.registrations.values_list("email", flat=True)) == ["m12@example.org"]
    assert row.registrations.get().user == member


def test_a_private_event_is_404_to_the_public(client, event):
    from wagtail.models import PageViewRestriction

    row = open_event(event)
    PageViewRestriction.objects.create(page=event, restriction_type="login")
    assert post(client, row).status_code == 404


def test_a_series_date_takes_registrations_of_its_own(client, series):
    dates = list(series.dates(timezone.localdate() + dt.timedelta(days=30)))
    upcoming = [d for d in dates if d > timezone.localdate()][:2]
    first = RegistrationSettings.objects.create(page=series, date=upcoming[0], capacity=3)
    RegistrationSettings.objects.create(page=series, date=upcoming[1], capacity=1)
    html = client.get(series.url).content.decode()
    assert "3 places left" in html and "1 place left" in html
    assert f'<option value="{first.pk}">' in html
    assert "You are registered" in post(client, first).content.decode()
    assert "2 places left" in client.get(series.url).content.decode()


def test_the_calendar_listing_says_registration_required(client, world, event, series):
    calendar = world[1]
    listing = client.get(calendar.url).content.decode()
    assert "Registration required" not in listing
    open_event(event, capacity=5)
    today = timezone.localdate()
    date = next(d for d in series.dates(today + dt.timedelta(days=30)) if d > today)
    RegistrationSettings.objects.create(page=series, date=date, capacity=2)
    listing = client.get(calendar.url).content.decode()
    cards = listing.split('<li class="occurrence')[1:]
    marked = [card for card in cards if "Registration required" in card]
    assert len(marked) == 2  # the event and that one series date, not the series' other dates
    assert any("Strike School" in card for card in marked)
    assert any(date.strftime("%B %-d") in card and "Picket captains" in card for card in marked)


def test_a_cancelled_event_takes_no_registrations(client, event):
    row = open_event(event, capacity=5)
    event.status = "cancelled"
    event.save()
    assert 'action="/register/"' not in client.get(event.url).content.decode()
    assert post(client, row).status_code == 409
    assert row.registrations.count() == 0
