"""Nobody over a shift's people needed when sign-ups arrive at the same moment: threads with
connections of their own post at once on PostgreSQL, where a sign-up locks the shift's row.
(On SQLite, one writer at a time, this proves nothing: PostgreSQL only.)"""

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from events import recurrence
from registrations.models import Shift
from tests.conftest import make_home

from .conftest import build_world, post_at_once

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.clock,  # the shifts are dated from today
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks and concurrent writers: PostgreSQL"
    ),
]


def sign_up_at_once(event, requests):
    """Each (shifts, email) posts the sign-up at once; the status codes, sorted."""
    forms = [
        {"page": event.pk, "shifts": [s.pk for s in shifts], "name": "A", "email": email}
        for shifts, email in requests
    ]
    return sorted(post_at_once("/shifts/signup/", forms))


def shift(event, hour, needed):
    date = timezone.localdate() + dt.timedelta(days=4)
    start = recurrence.aware(date, dt.time(hour), "America/Chicago")
    return Shift.objects.create(
        page=event, worksite="Gate", starts_at=start, ends_at=start + dt.timedelta(hours=2),
        people_needed=needed,
    )  # fmt: skip


def test_two_people_for_the_last_place_get_one_place():
    event = build_world(make_home())[2]
    last = shift(event, 6, needed=1)
    assert sign_up_at_once(event, [([last], "ana@example.org"), ([last], "ben@example.org")]) == [
        200,
        409,
    ]
    assert last.signups.count() == 1


def test_several_shifts_each_at_once_in_opposite_orders_fill_without_deadlock():
    event = build_world(make_home())[2]
    a, b = shift(event, 6, needed=2), shift(event, 10, needed=2)
    people = [([a, b] if n % 2 else [b, a], f"p{n}@example.org") for n in range(4)]
    assert sign_up_at_once(event, people) == [200, 200, 409, 409]
    assert a.signups.count() == 2 and b.signups.count() == 2
