"""IANA time zone names: the one check for a zone an editor types (a local's office, an event,
a meeting series) or an imported calendar names.

A name counts when the IANA database lists it (`zoneinfo.available_timezones()`: canonical
names and their links such as US/Eastern), not merely when a file of that name loads: the
names we store go out in calendar feeds (TZID), where only IANA names mean anything to other
clients, and paths such as "posix/America/Chicago" do not. The zoneinfo directory may also
hold "localtime" (the server's own zone) and "Factory" (no zone at all): neither is a place.
"""

import functools
import zoneinfo

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

NOT_PLACES = {"localtime", "Factory", "posixrules"}


@functools.cache
def _zone_names():
    # Reading the database walks the zoneinfo directory: once per process is enough.
    return frozenset(zoneinfo.available_timezones() - NOT_PLACES)


def is_time_zone(name):
    return isinstance(name, str) and name in _zone_names()


def validate_time_zone(value):
    """Field validator. Empty passes (Django skips validators on empty values anyway): whether
    a zone is required is the field's `blank`, not this check."""
    if value and not is_time_zone(value):
        raise ValidationError(
            _("“%(value)s” is not a time zone: use an IANA name such as America/Chicago."),
            code="invalid",
            params={"value": value},
        )
