"""From read entries to a plan for one calendar: which pages to create or update, with what.

A plan only reads the database, so a dry run is the plan itself. Pages are matched by the
UID they were imported from (`source_uid`) among the calendar's own entries, so a re-import
updates them and creates nothing twice, and compares with what their editors last saved (a
draft import run twice changes nothing the second time). What each entry becomes is
building.py's; what the import cannot do as the file says (rules that repeat within a day,
dates it lists only so far, two events with one UID, events gone from the file) is said in
the plan's notes and warnings, never done silently. A re-import mirrors the file: a one-off
made from an override the file no longer has is unpublished (the series has the date back)."""

import datetime as dt
from dataclasses import dataclass, field

from icalendar import vRecur

from ..models import EventPage, MeetingSeriesPage
from ..recurrence import MAX_DURATION_MINUTES
from . import building, rules
from .building import VenueSpec


@dataclass
class Action:
    verb: str  # "create", "update", "unchanged" or "unpublish"
    model: type
    uid: str
    fields: dict
    venue: VenueSpec | None = None
    changes: list = field(default_factory=list)
    page: object = None
    notes: list = field(default_factory=list)

    @property
    def title(self):
        return self.fields["title"]

    @property
    def kind(self):
        return self.model._meta.verbose_name

    @property
    def when(self):
        if self.model is EventPage:
            return self.fields["start_date"].isoformat()
        return f"from {self.fields['first_date'].isoformat()}"


@dataclass
class Plan:
    calendar: object
    actions: list
    warnings: list

    def count(self, verb):
        return sum(1 for action in self.actions if action.verb == verb)

    @property
    def totals(self):
        return {verb: self.count(verb) for verb in ("create", "update", "unchanged", "unpublish")}

    @property
    def changes_anything(self):
        return any(action.verb != "unchanged" for action in self.actions)


def _change_tuple(change):
    return (
        change["date"],
        change.get("cancelled", False),
        change.get("new_date"),
        change.get("new_start_time"),
        change.get("note", ""),
    )


def _venue_id(venue, found):
    """The id of the existing venue a spec names (None: none yet), looked up once per spec."""
    if venue is None:
        return None
    if venue.key not in found:
        match = venue.find()
        found[venue.key] = match.pk if match else -1  # -1: a venue the import would create
    return found[venue.key]


def _current(page):
    """The page as its editors last saved it: the latest revision when it has unpublished
    changes (a draft import of a live page leaves the live row as it was), else the row."""
    if page.has_unpublished_changes and page.latest_revision_id:
        return page.get_latest_revision_as_object()
    return page


def _differs(page, fields, venue, changes, venues):
    page = _current(page)
    if any(getattr(page, name) != value for name, value in fields.items()):
        return True
    if _venue_id(venue, venues) != page.venue_id:
        return True
    if isinstance(page, MeetingSeriesPage):
        stored = {
            _change_tuple(
                {
                    "date": c.date,
                    "cancelled": c.cancelled,
                    "new_date": c.new_date,
                    "new_start_time": c.new_start_time,
                    "note": c.note,
                }
            )
            for c in page.date_changes.all()
        }
        return stored != {_change_tuple(change) for change in changes}
    return False


def _masters(entries, warnings):
    """({uid: master entry}, {uid: [overrides]}); a second master with a UID already seen is
    kept under "<uid>#2" (and said), rather than silently replacing the first."""
    masters, overrides = {}, {}
    for entry in entries:
        if entry.recurrence_id is not None:
            overrides.setdefault(entry.uid, []).append(entry)
            continue
        uid, number = entry.uid, 1
        while uid in masters:
            number += 1
            uid = f"{entry.uid}#{number}"
        if number > 1:
            warnings.append(
                f"Two events share the UID {entry.uid} (“{masters[entry.uid].title}” and "
                f"“{entry.title}”): both are imported, the second as a separate page."
            )
        masters[uid] = entry
    return masters, overrides


def _wanted(masters, overrides, today, warnings):
    """[(uid, model, fields, venue, changes, notes)] of every page the file asks for."""
    wanted = []
    for uid, entry in list(masters.items()):
        if not (entry.rrule or entry.rdates):
            fields, venue = building.event_fields(entry)
            wanted.append((uid, EventPage, fields, venue, [], building.event_notes(entry)))
            continue
        if entry.all_day:
            warnings.append(f"Not imported: “{entry.title}”: all-day repeating events.")
            continue
        if entry.rrule and rules.sub_daily(entry.rrule):
            warnings.append(
                f"Not imported: “{entry.title}” repeats more than once a day "
                f"({vRecur(entry.rrule).to_ical().decode()}); the site's meeting series hold "
                "one meeting a day: add these as events or one series per time of day."
            )
            continue
        if entry.end - entry.start > dt.timedelta(minutes=MAX_DURATION_MINUTES):
            warnings.append(f"Not imported: “{entry.title}”: its meetings last over a day.")
            continue
        own = overrides.pop(uid, [])
        futures = [item for item in own if item.this_and_future]
        parts = building.split_this_and_future(entry, futures) if futures else [("", entry)]
        singles = [item for item in own if not item.this_and_future]
        cuts = [None, *sorted(item.recurrence_id for item in futures), None]
        for index, (suffix, part) in enumerate(parts):
            low, high = cuts[index], cuts[index + 1]
            mine = [
                item
                for item in singles
                if (low is None or item.recurrence_id >= low)
                and (high is None or item.recurrence_id < high)
            ]
            built = building.series(part, mine, today)
            if built is None:
                warnings.append(f"Not imported: “{part.title}”: its rule gives no dates.")
                continue
            fields, venue, changes, one_offs, notes = built
            if futures:
                notes.append("split where the file changes this and every later date")
            wanted.append((uid + suffix, MeetingSeriesPage, fields, venue, changes, notes))
            overrides.setdefault(uid, []).extend(one_offs)
    for uid, items in overrides.items():
        for item in items:
            stamp = item.recurrence_id.strftime("%Y%m%dT%H%M%S")
            fields, venue = building.event_fields(item)
            wanted.append(
                (f"{uid}#{stamp}", EventPage, fields, venue, [], building.event_notes(item))
            )
    return wanted


def _imported(calendar):
    """{source uid: page} of every page of `calendar` that an import made."""
    existing = {}
    for model in (EventPage, MeetingSeriesPage):
        pages = model.objects.child_of(calendar).exclude(source_uid="")
        if model is MeetingSeriesPage:
            pages = pages.prefetch_related("date_changes")
        existing.update({page.source_uid: page for page in pages})
    return existing


def plan(entries, calendar, today):
    """The Plan for importing `entries` (from reading.read) into `calendar`."""
    warnings = []
    masters, overrides = _masters(entries, warnings)
    wanted = _wanted(masters, overrides, today, warnings)
    existing = _imported(calendar)
    actions, venues = [], {}
    for uid, model, fields, venue, changes, notes in wanted:
        page = existing.pop(uid, None)
        if page is not None and not isinstance(page, model):
            warnings.append(f"Not imported: “{fields['title']}”: it was imported as another kind.")
            continue
        verb = "create"
        if page is not None:
            verb = "update" if _differs(page, fields, venue, changes, venues) else "unchanged"
        actions.append(Action(verb, model, uid, fields, venue, changes, page, notes))
    # What the file no longer has: a one-off made from an override of a series the file still
    # has is undone (the series has that date back); anything else is only said.
    for uid, page in sorted(existing.items()):
        master = uid.split("#", 1)[0]
        if "#" in uid and master in masters and page.live:
            fields = {"title": page.title}
            fields |= {"start_date": page.start_date} if isinstance(page, EventPage) else {}
            fields |= {"first_date": page.first_date} if isinstance(page, MeetingSeriesPage) else {}
            note = "no longer in the file: unpublished"
            actions.append(Action("unpublish", type(page), uid, fields, None, [], page, [note]))
        elif ("#" not in uid or master not in masters) and page.live:
            warnings.append(
                f"“{page.title}” was imported before but is not in this file: it is left "
                "as it is; unpublish it if it was removed."
            )
    return Plan(calendar, actions, warnings)
