"""IANA time zones: one validator for what editors may store, one lookup that never fails.

The model field rejects names that are not zones. Rows saved before that check (or written
around it) must still render: a name that is not a zone falls back to the site's zone rather
than failing the page, the calendar or the feed."""

import logging
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)
ZONE_ERRORS = (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError)


def is_time_zone(name):
    try:
        zoneinfo.ZoneInfo(name)
    except ZONE_ERRORS:
        return False
    return True


def validate_time_zone(name):
    if name and not is_time_zone(name):
        raise ValidationError(
            _("Not a known time zone: use a name like America/Chicago."), code="invalid"
        )


def get_zone(name):
    """The ZoneInfo for `name`; the site's zone when `name` is empty or not a zone."""
    if name:
        try:
            return zoneinfo.ZoneInfo(name)
        except ZONE_ERRORS:
            logger.warning("Stored time zone %r is not a zone; using %s", name, settings.TIME_ZONE)
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)
