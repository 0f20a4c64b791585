"""IANA time zones: the validator for what editors may store (core's, re-exported for this
app and its migrations), and a lookup that never fails.

The model field rejects names that are not zones. Rows saved before that check (or written
around it) must still render: a name that is not a zone falls back to the site's zone rather
than failing the page, the calendar or the feed."""

import logging
import zoneinfo

from django.conf import settings

from opeiu_site.core.time_zones import is_time_zone, validate_time_zone  # noqa: F401

logger = logging.getLogger(__name__)
ZONE_ERRORS = (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError)


def get_zone(name):
    """The ZoneInfo for `name`; the site's zone when `name` is empty or not a zone."""
    if name:
        try:
            return zoneinfo.ZoneInfo(name)
        except ZONE_ERRORS:
            logger.warning("Stored time zone %r is not a zone; using %s", name, settings.TIME_ZONE)
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)
