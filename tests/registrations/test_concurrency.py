"""Nobody over capacity, nothing doubled, when requests arrive at the same moment: threads with
connections of their own post at once (a barrier releases them together) on PostgreSQL, where
the registration takes a row lock on the event's settings row.

On SQLite (one writer at a time, the suite's in-memory database shared by threads) this proves
nothing, so it runs on PostgreSQL only."""

import pytest
from django.db import connection

from registrations.models import Registration
from tests.conftest import make_home

from .conftest import build_world, open_event, post_at_once

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.clock,  # the event is dated from today
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks and concurrent writers: PostgreSQL"
    ),
]


def register_at_once(row, people):
    """Each (name, email) posts the form at once; the status codes."""
    forms = [{"settings": row.pk, "name": name, "email": email} for name, email in people]
    return post_at_once("/register/", forms)


def test_the_last_place_goes_to_one_person_the_others_wait():
    event = build_world(make_home())[2]
    row = open_event(event, capacity=1)
    people = [(f"Person {n}", f"p{n}@example.org") for n in range(6)]
    assert register_at_once(row, people) == [200] * 6
    statuses = sorted(row.registrations.values_list("status", flat=True))
    assert statuses == ["confirmed"] + ["waitlisted"] * 5


def test_two_people_for_the_last_of_three_places():
    event = build_world(make_home())[2]
    row = open_event(event, capacity=3)
    for n in range(2):
        Registration.objects.create(
            settings=row, name="Early", email=f"early{n}@example.org", status="confirmed"
        )
    assert (
        register_at_once(row, [("Ana", "ana@example.org"), ("Ben", "ben@example.org")]) == [200] * 2
    )
    late = dict(row.registrations.filter(name__in=["Ana", "Ben"]).values_list("status", "name"))
    assert set(late) == {"confirmed", "waitlisted"}


def test_a_double_submit_at_the_same_moment_registers_once():
    event = build_world(make_home())[2]
    row = open_event(event, capacity=5)
    people = [("Ana", "ana@example.org")] * 4
    assert register_at_once(row, people) == [200] * 4
    assert row.registrations.count() == 1
