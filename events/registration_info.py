"""Whether an entry (or one date of a series) takes registrations on this site, for its feeds
and its JSON-LD. The events app knows nothing of registrations: the registrations app answers
through a Wagtail hook (its wagtail_hooks.py), so no import goes from events up to it.

A hook function takes (page, date, places) and returns None or
{"required": True, "open": bool, "full": bool, "deadline": datetime or None}; `places` asks it
to count the places left (a query), which the JSON-LD wants and the feeds do not."""

from wagtail import hooks

HOOK = "calendar_entry_registration"


def registration_for(page, date=None, places=False):
    for answer in hooks.get_hooks(HOOK):
        info = answer(page, date, places)
        if info:
            return info
    return None


def prime(pages):
    """Let the hook read what it needs for all these entries at once (a feed of a calendar
    with hundreds of entries asks about each)."""
    for answer in hooks.get_hooks(f"{HOOK}_prime"):
        answer(pages)
