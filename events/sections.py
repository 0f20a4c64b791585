"""Where a page sits: its calendar, the calendar's section root, and that section's zone.

Content apps do not import locals: a section root is whatever page holds the calendar (the
International's HomePage or a LocalPage), and its zone is its `time_zone` field if it has one."""

from django.conf import settings


def section_time_zone(section):
    if section is None:
        return settings.TIME_ZONE
    return getattr(section.specific, "time_zone", None) or settings.TIME_ZONE


def calendar_and_section(entry):
    """(calendar, section) for an event or series page: its parent and grandparent."""
    calendar = entry.get_parent()
    section = calendar.get_parent() if calendar is not None else None
    return calendar, section
