"""When and where a registration's event (or series date) takes place, as registrants are told.

`entry_state` reads the published page (a series date with its per-date change applied): the
reminder and the change email say what it returns, and RegistrationSettings.announced keeps the
last state registrants were told, so a publish that changes it emails them (changes.py).
"""

import datetime as dt

from events import recurrence
from events.choices import EventStatus
from events.ical import location


def entry_state(page, date=None):
    """{"start", "end" (ISO, aware), "cancelled", "postponed", "where", "note"} of an event
    (date None) or of one date of a meeting series (its original date)."""
    if date is None:
        status = page.status
        cancelled = status == EventStatus.CANCELLED
        return {
            "start": page.starts_at.isoformat(),
            "end": page.ends_at.isoformat(),
            "cancelled": cancelled,
            "postponed": status == EventStatus.POSTPONED,
            "where": "" if cancelled else location(page, page.attendance_mode),
            "note": page.status_reason,
        }
    change = page.date_changes.filter(date=date).select_related("venue").first()
    cancelled = bool(change and change.cancelled)
    start = page.original_start(date)
    if change is not None and not cancelled and (change.new_date or change.new_start_time):
        start = recurrence.aware(
            change.new_date or date, change.new_start_time or page.start_time, page.time_zone
        )
    mode = (change.attendance_mode if change else "") or page.attendance_mode
    return {
        "start": start.isoformat(),
        "end": (start + page.duration).isoformat(),
        "cancelled": cancelled,
        "postponed": False,
        "where": "" if cancelled else location(page, mode, change.venue if change else None),
        "note": change.note if change else "",
    }


# What a registrant is told about: a note alone is not worth an email.
TOLD = ("start", "end", "cancelled", "postponed", "where")


def differs(before, after):
    return any(before.get(key) != after.get(key) for key in TOLD)


def start_of(state):
    return dt.datetime.fromisoformat(state["start"])


def settings_key(occurrence):
    """The RegistrationSettings key (page id, original date or None) of an Occurrence row."""
    from events.choices import Kind

    if occurrence.kind == Kind.EVENT:
        return occurrence.page_id, None
    return occurrence.page_id, occurrence.original_start.astimezone(occurrence.zone).date()
