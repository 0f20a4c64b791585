"""Where a calendar entry sits: its calendar, the section (core.sections) the calendar belongs
to, and that section's time zone.

Content apps do not import locals: a section's zone is its `time_zone` field if it has one
(a LocalPage), else the site's."""

from django.conf import settings

from opeiu_site.core.sections import section_of


class Calendar:
    """Marker for the calendar page class (EventIndexPage), so that the queries below the page
    classes can find a section's calendars without importing the class that calls them."""


def section_time_zone(section):
    if section is None:
        return settings.TIME_ZONE
    return getattr(section.specific, "time_zone", None) or settings.TIME_ZONE


def calendar_and_section(entry):
    """(calendar, section) for an event or series page: its parent, and the section that
    parent belongs to."""
    calendar = entry.get_parent()
    return calendar, section_of(calendar) if calendar is not None else None
