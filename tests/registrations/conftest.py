import datetime as dt
import socket
import threading

import pytest
from django.db import connections
from django.test import Client
from django.utils import timezone

from events.choices import Frequency, Weekday
from registrations.models import RegistrationSettings
from tests.conftest import make_home
from tests.db import kept_data
from tests.events.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    MeetingSeriesPageFactory,
    publish,
)
from tests.locals.helpers import build_locals_tree


def build_world(home):
    """Local 12 and Local 212 (tests.locals.helpers), a calendar in Local 12 with an event a
    month from now and a weekly meeting series."""
    tree = build_locals_tree(home)
    calendar = publish(EventIndexPageFactory(parent=tree.local12, slug="events"))
    start = timezone.localdate() + dt.timedelta(days=30)
    event = publish(
        EventPageFactory(
            parent=calendar, title="Strike School", slug="strike-school", start_date=start
        )
    )
    series = publish(
        MeetingSeriesPageFactory(
            parent=calendar,
            title="Picket captains",
            slug="picket-captains",
            frequency=Frequency.WEEKLY,
            weekdays=[Weekday.TUESDAY],
            first_date=timezone.localdate(),
        )
    )
    return tree, calendar, event, series


def open_event(event, **fields):
    return RegistrationSettings.objects.create(page=event, **fields)


# The module's tree, built once (a module that uses it: test_admin, test_register).
@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with kept_data(django_db_blocker), django_db_blocker.unblock():
        yield build_world(make_home())


@pytest.fixture
def event(world, db):
    return world[2]


@pytest.fixture
def series(world, db):
    return world[3]


@pytest.fixture
def closed_port():
    """A port on 127.0.0.1 where nothing listens: connecting to it is refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def post_at_once(path, forms):
    """Each form posts to `path` from its own thread and database connection, all released
    together by a barrier (the concurrency tests, PostgreSQL); the status codes, in order of
    arrival."""
    barrier = threading.Barrier(len(forms))
    codes, errors = [], []

    def submit(data):
        try:
            client = Client()
            barrier.wait(timeout=30)
            codes.append(client.post(path, data).status_code)
        except Exception as error:  # noqa: BLE001 (reported below)
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(data,)) for data in forms]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    return codes
