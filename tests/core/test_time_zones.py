"""One time-zone check (core.time_zones) for a local's office, events, meeting series and
imported calendars: IANA names only, as calendar clients read them in TZID."""

import pytest
from django.core.exceptions import ValidationError

from events.models import EventPage, MeetingSeriesPage
from locals.models import LocalPage
from opeiu_site.core.time_zones import is_time_zone, validate_time_zone


@pytest.mark.parametrize("name", ["America/Chicago", "America/New_York", "US/Eastern", "UTC", ""])
def test_iana_names_pass(name):
    validate_time_zone(name)


@pytest.mark.parametrize(
    "name",
    [
        "Mars/Olympus",
        "america/chicago",
        "America/Chicago ",
        "posix/America/Chicago",  # loads as a file, but is no IANA name
        "../../etc/passwd",
        "localtime",  # the server's own zone
        "Factory",
        "a\x00b",
    ],
)
def test_anything_else_is_refused(name):
    assert not is_time_zone(name)
    with pytest.raises(ValidationError):
        validate_time_zone(name)


@pytest.mark.parametrize("model", [LocalPage, EventPage, MeetingSeriesPage])
def test_every_time_zone_field_uses_the_one_check(model):
    assert validate_time_zone in model._meta.get_field("time_zone").validators
