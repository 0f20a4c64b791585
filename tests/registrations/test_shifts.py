"""Shifts of an event: staff create a week of them from a rule, people sign up for several at
once, a full shift is refused with a clear message, a double submit signs up once, the cancel
link frees the place, and a signed-in member sees their hours in "My union"."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.shortcuts import resolve_url
from django.utils import timezone

from events import recurrence
from registrations import tokens
from registrations.models import Shift, ShiftSignup

from .conftest import open_event

pytestmark = pytest.mark.clock  # the event and its shifts are dated from today


def shifts_url(page):
    return f"/admin/registrations/{page.pk}/shifts/"


def make_shift(event, days=3, hour=7, hours=3, needed=2, worksite="Como Clinic, main entrance"):
    date = timezone.localdate() + dt.timedelta(days=days)
    start = recurrence.aware(date, dt.time(hour), "America/Chicago")
    return Shift.objects.create(
        page=event,
        worksite=worksite,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=hours),
        people_needed=needed,
    )


def sign_up(client, event, shifts, name="Rosa Parks", email="rosa@example.org", **extra):
    data = {"page": event.pk, "shifts": [s.pk for s in shifts], "name": name, "email": email}
    data.update(extra)
    return client.post("/shifts/signup/", data)


def test_staff_create_a_week_of_weekday_shifts_from_a_rule(client, event):
    from tests.locals.helpers import login_as_local_editor

    login_as_local_editor(client, 12)
    edit = client.get(f"/admin/pages/{event.pk}/edit/").content.decode()
    assert shifts_url(event) in edit  # the "Shifts" button in the page header
    monday = timezone.localdate() + dt.timedelta(days=7 - timezone.localdate().weekday())
    rule = {
        "action": "rule",
        "rule-first_date": monday.isoformat(),
        "rule-last_date": (monday + dt.timedelta(days=6)).isoformat(),
        "rule-weekdays": ["0", "1", "2", "3", "4"],
        "rule-start_time": "16:00",  # ends after midnight UTC, the same day in Minnesota
        "rule-end_time": "19:30",
        "rule-worksite": "Riverside Clinic, Minneapolis",
        "rule-people_needed": "4",
    }
    response = client.post(shifts_url(event), rule, follow=True)
    assert "5 shifts created." in response.content.decode()
    shifts = list(Shift.objects.filter(page=event))
    zone = event.zone
    assert [timezone.localtime(s.starts_at, zone).date() for s in shifts] == [
        monday + dt.timedelta(days=n) for n in range(5)
    ]
    assert {timezone.localtime(s.starts_at, zone).time() for s in shifts} == {dt.time(16)}
    assert {s.hours for s in shifts} == {3.5}
    # The same rule again (a double submit) creates nothing new.
    again = client.post(shifts_url(event), rule, follow=True).content.decode()
    assert "0 shifts created (5 existed already)." in again
    assert Shift.objects.filter(page=event).count() == 5
    # Every day, no weekday ticked, over a night: the end is the next morning.
    night = dict(rule, **{"rule-weekdays": [], "rule-start_time": "22:00", "rule-end_time": "02:00",
                          "rule-worksite": "Night gate"})  # fmt: skip
    client.post(shifts_url(event), night)
    night_shifts = Shift.objects.filter(page=event, worksite="Night gate")
    assert night_shifts.count() == 7 and {s.hours for s in night_shifts} == {4.0}
    # The staff page lists them by day; the public page shows them.
    staff_page = client.get(shifts_url(event)).content.decode()
    assert "Riverside Clinic, Minneapolis" in staff_page
    assert staff_page.count("(next day)") == 7  # the night shifts only
    client.logout()
    html = client.get(event.url).content.decode()
    assert "4 of 4 people still needed" in html and "Sign up for the chosen shifts" in html


def test_bad_rules_are_form_errors_and_delete_takes_only_this_events_shifts(client, event, world):
    from tests.locals.helpers import login_as_local_editor

    login_as_local_editor(client, 12)
    today = timezone.localdate()
    response = client.post(shifts_url(event), {
        "action": "rule", "rule-first_date": today.isoformat(),
        "rule-last_date": (today + dt.timedelta(days=400)).isoformat(), "rule-start_time": "6",
        "rule-end_time": "bad", "rule-worksite": "", "rule-people_needed": "0",
    })  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 200 and "At most 62 days at once." in html
    assert "Enter a valid time." in html and "greater than or equal to 1" in html
    assert not Shift.objects.filter(page=event).exists()
    shift = make_shift(event)
    assert client.post(shifts_url(event), {"action": "delete", "shift": "x"}).status_code == 404
    elsewhere = make_shift(world[3])  # another page's shift, named through this event's URL
    response = client.post(shifts_url(event), {"action": "delete", "shift": elsewhere.pk})
    assert response.status_code == 404 and Shift.objects.filter(pk=elsewhere.pk).exists()
    client.post(shifts_url(event), {"action": "delete", "shift": shift.pk})
    assert not Shift.objects.filter(pk=shift.pk).exists()
    # A series is not an event with shifts.
    assert client.get(shifts_url(world[3])).status_code == 404


def test_another_locals_staff_are_refused(client, event):
    from tests.locals.helpers import login_as_local_editor

    shift = make_shift(event)
    ShiftSignup.objects.create(shift=shift, name="Private Picket", email="p@example.org")
    login_as_local_editor(client, 212)
    for response in (
        client.get(shifts_url(event)),
        client.post(shifts_url(event), {"action": "delete", "shift": shift.pk}),
    ):
        assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert Shift.objects.filter(pk=shift.pk).exists()


def test_sign_up_for_several_shifts_at_once(client, event):
    early, late = make_shift(event, hour=6), make_shift(event, hour=14, needed=3)
    html = client.get(event.url).content.decode()
    assert html.count("2 of 2 people still needed") == 1 and "3 of 3 people still needed" in html
    response = sign_up(client, event, [early, late], phone="651-555-0100")
    text = response.content.decode()
    assert response.status_code == 200 and "You are signed up" in text
    assert "Como Clinic, main entrance" in text and "6:00 a.m." in text and "2:00 p.m." in text
    rows = ShiftSignup.objects.filter(email="rosa@example.org")
    assert sorted(rows.values_list("shift_id", flat=True)) == sorted([early.pk, late.pk])
    html = client.get(event.url).content.decode()
    assert "1 of 2 people still needed" in html and "2 of 3 people still needed" in html


def test_a_full_shift_is_refused_with_a_clear_message(client, event):
    full = make_shift(event, needed=1)
    open_one = make_shift(event, hour=12)
    sign_up(client, event, [full], name="First", email="first@example.org")
    assert "Full: no more people needed" in client.get(event.url).content.decode()
    # Someone who loaded the page before it filled up still posts the shift's box.
    refused = sign_up(client, event, [full], name="Late", email="late@example.org")
    text = refused.content.decode()
    assert refused.status_code == 409
    assert "No place left on that shift" in text and "Please choose another shift" in text
    # With another shift that has room: signed up there, told about the full one.
    mixed = sign_up(client, event, [full, open_one], name="Late", email="late@example.org")
    text = mixed.content.decode()
    assert mixed.status_code == 200 and "You are signed up" in text and "Full:" in text
    assert list(ShiftSignup.objects.filter(email="late@example.org").values_list(
        "shift_id", flat=True)) == [open_one.pk]  # fmt: skip
    assert full.signups.count() == 1


def test_a_double_submit_signs_up_once_and_the_cancel_link_frees_the_place(client, event):
    shift = make_shift(event, needed=1)
    sign_up(client, event, [shift])
    again = sign_up(client, event, [shift], email=" ROSA@example.org")
    assert "You had already signed up" in again.content.decode()
    [signup] = shift.signups.all()
    url = resolve_url("registrations:shift_cancel", tokens.shift_cancel_token(signup))
    assert "Cancel this shift" in client.get(url).content.decode()
    done = client.post(url).content.decode()
    assert "Your shift is cancelled" in done
    assert "1 of 1 person still needed" in client.get(event.url).content.decode()
    assert client.get(url[:-3] + "xx/").status_code == 404


def test_bad_input_is_a_form_error_or_404(client, event, world):
    shift = make_shift(event)
    response = sign_up(client, event, [], name="", email="nope")
    html = response.content.decode()
    assert response.status_code == 400
    assert "Choose at least one shift." in html and "Enter a valid email address" in html
    person = {"page": event.pk, "name": "A", "email": "a@example.org"}
    for shifts in ([shift.pk, 999999], ["abc"]):  # not one of its shifts, not a number
        assert client.post("/shifts/signup/", {**person, "shifts": shifts}).status_code == 400
    assert not shift.signups.exists()
    assert client.post("/shifts/signup/", {"page": "abc"}).status_code == 404
    assert client.post("/shifts/signup/", {"page": world[3].pk}).status_code == 404
    assert client.post("/shifts/signup/", {}).status_code == 404
    assert client.get(f"/shifts/signup/?page={event.pk}").status_code == 302
    assert client.get("/shifts/cancel/nonsense/").status_code == 404


def test_members_only_events_take_sign_ups_from_members_only(client, event):
    open_event(event, members_only=True, enabled=False)
    shift = make_shift(event)
    assert "Shifts are for members of the local" in client.get(event.url).content.decode()
    response = sign_up(client, event, [shift])
    assert response.status_code == 403 and not shift.signups.exists()


def test_my_union_shows_coming_shifts_and_hours(client, event):
    user = get_user_model().objects.create_user(username="picket", email="Pat@Example.org")
    done = make_shift(event, days=-2, hours=4)  # worked already
    ahead = make_shift(event, days=2, hour=16, hours=2.5, worksite="Riverside Clinic")
    gone = make_shift(event, days=3, hours=8)  # cancelled: not counted
    ShiftSignup.objects.create(shift=done, name="Pat", email="pat@example.org")
    ShiftSignup.objects.create(shift=ahead, name="Pat", email="x@example.org", user=user)
    ShiftSignup.objects.create(shift=gone, name="Pat", email="pat@example.org",
                               cancelled_at=timezone.now())  # fmt: skip
    client.force_login(user)
    html = client.get(resolve_url("members:my_union")).content.decode()
    assert "Your shifts" in html
    assert (
        "<strong>6.5 hours</strong>: 4 hours done (1 shift) and 2.5 hours coming up (1 shift)"
        in html
    )
    assert "Riverside Clinic" in html and "Como Clinic" not in html.split("Your shifts")[1]


def test_a_cancelled_event_takes_no_sign_ups(client, event):
    shift = make_shift(event)
    event.status = "cancelled"
    event.save(update_fields=["status"])
    html = client.get(event.url).content.decode()
    assert "nobody can sign up for its shifts" in html and 'name="shifts"' not in html
    response = sign_up(client, event, [shift])
    assert response.status_code == 409 and "Sign-ups are closed" in response.content.decode()
    assert not shift.signups.exists()
