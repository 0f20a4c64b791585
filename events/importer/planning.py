"""From read entries to a plan for one calendar: which pages to create or update, with what.

A plan only reads the database, so a dry run is the plan itself. Pages are matched by the
UID they were imported from (`source_uid`) among the calendar's own entries, so a re-import
updates them and creates nothing twice. A repeating event becomes a MeetingSeriesPage when
its RRULE is one the page can express (weekly on some weekdays, monthly on the nth or last
weekday) and reads the same as the file's rule; any other rule becomes a series of explicit
dates. EXDATEs become cancellations; an override (RECURRENCE-ID) that only moves a date
becomes a per-date change, one that changes more becomes a one-off event (and the original
date a cancellation)."""

import datetime as dt
import re
from dataclasses import dataclass, field

from dateutil.rrule import rrulestr
from icalendar import vRecur

from ..choices import AttendanceMode, EventStatus, Frequency
from ..models import EventPage, MeetingSeriesPage, Venue
from ..recurrence import ICAL_DAYS, rule_dates
from ..zones import get_zone
from .reading import MAX_EVENTS

URL_RE = re.compile(r"^https?://\S+$", re.IGNORECASE)
REGION_RE = re.compile(r"^([A-Z]{2})\s+(\d{5}(?:-\d{4})?|[A-Z]\d[A-Z] ?\d[A-Z]\d)$")
ONLINE_RE = re.compile(r"\b(teams meeting|zoom|google meet|webex|online)\b", re.IGNORECASE)
COUNTRIES = {"USA", "US", "UNITED STATES", "CANADA"}
# Rules the page cannot express are written out as dates this far ahead.
EXPLICIT_SPAN = dt.timedelta(days=2 * 366)


@dataclass
class VenueSpec:
    name: str
    street_address: str = ""
    locality: str = ""
    region: str = ""
    postal_code: str = ""

    def find(self):
        """The existing venue at this address (or of this name, without an address)."""
        if self.street_address:
            found = Venue.objects.filter(
                street_address__iexact=self.street_address, locality__iexact=self.locality
            )
        else:
            found = Venue.objects.filter(name__iexact=self.name, street_address="")
        return found.order_by("pk").first()

    @property
    def key(self):
        return " ".join(part.lower() for part in (self.street_address or self.name, self.locality))


@dataclass
class Action:
    verb: str  # "create", "update" or "unchanged"
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
        return {verb: self.count(verb) for verb in ("create", "update", "unchanged")}

    @property
    def changes_anything(self):
        return any(action.verb != "unchanged" for action in self.actions)


def venue_spec(text):
    """A venue from a LOCATION such as "Union Hall, 710 Olive St, Saint Paul, MN 55130"."""
    parts = [part.strip() for part in text.split(",") if part.strip()]
    if parts and parts[-1].upper() in COUNTRIES:
        parts.pop()
    region = postal = locality = ""
    if len(parts) > 2 and re.match(r"^[A-Z]{2}$", parts[-2]) and parts[-1][:1].isdigit():
        parts[-2:] = [f"{parts[-2]} {parts[-1]}"]  # The Events Calendar: "..., MN, 55413"
    if parts and (match := REGION_RE.match(parts[-1])):
        region, postal = match.groups()
        parts.pop()
        locality = parts.pop() if len(parts) > 1 else ""
    street = next((i for i, part in enumerate(parts) if part[:1].isdigit()), None)
    if street is None:
        name, street_address = ", ".join(parts), ""
    else:
        street_address = ", ".join(parts[street:])
        name = ", ".join(parts[:street]) or street_address
    return VenueSpec(
        name=(name or text)[:255],
        street_address=street_address[:255],
        locality=locality[:100],
        region=region,
        postal_code=postal,
    )


def _place(entry):
    """(attendance mode, online link, venue spec) from the entry's LOCATION."""
    if URL_RE.match(entry.location):
        return AttendanceMode.ONLINE, entry.location[:200], None
    if not entry.location:
        return AttendanceMode.IN_PERSON, "", None
    venue = venue_spec(entry.location)
    if not venue.street_address and ONLINE_RE.search(entry.location):
        return AttendanceMode.ONLINE, "", None  # "Microsoft Teams Meeting": the link is private
    return AttendanceMode.IN_PERSON, "", venue


def _common(entry):
    mode, online_url, venue = _place(entry)
    fields = {
        "title": entry.title,
        "time_zone": entry.zone,
        "attendance_mode": mode,
        "online_url": online_url,
        "listing_summary": entry.description,
    }
    return fields, venue


def _event_fields(entry):
    fields, venue = _common(entry)
    if entry.all_day:
        last = entry.end - dt.timedelta(days=1) if entry.end > entry.start else entry.start
        fields.update(
            start_date=entry.start,
            start_time=None,
            end_date=last if last != entry.start else None,
            end_time=None,
            all_day=True,
        )
    else:
        fields.update(
            start_date=entry.start.date(),
            start_time=entry.start.time(),
            end_date=entry.end.date() if entry.end.date() != entry.start.date() else None,
            end_time=entry.end.time(),
            all_day=False,
        )
    fields["status"] = EventStatus.CANCELLED if entry.cancelled else EventStatus.SCHEDULED
    return fields, venue


def _file_dates(entry, until):
    """The dates the file's rule (and RDATEs) give, in the entry's zone, up to `until`."""
    if not entry.rrule:
        dates = [entry.start.date()] + [d.date() for d in entry.rdates]
        return sorted({d for d in dates if d <= until})
    rule = dict(entry.rrule)
    if "UNTIL" in rule:
        end = rule["UNTIL"][0]
        if isinstance(end, dt.datetime) and end.tzinfo:
            end = end.astimezone(get_zone(entry.zone)).replace(tzinfo=None)
        elif not isinstance(end, dt.datetime):
            end = dt.datetime.combine(end, dt.time(23, 59, 59))
        rule["UNTIL"] = [end]
    text = vRecur(rule).to_ical().decode()
    dates = []
    for moment in rrulestr(text, dtstart=entry.start):
        if moment.date() > until or len(dates) > MAX_EVENTS:
            break
        dates.append(moment.date())
    dates += [d.date() if isinstance(d, dt.datetime) else d for d in entry.rdates]
    return sorted({d for d in dates if d <= until})


def _rule_fields(entry):
    """Weekly or monthly fields when the page can express the rule, else None."""
    rule = entry.rrule
    extra = set(rule) - {"FREQ", "INTERVAL", "BYDAY", "UNTIL", "COUNT", "WKST"}
    if extra or int(rule.get("INTERVAL", [1])[0]) != 1 or entry.rdates:
        return None
    byday = [str(day).upper() for day in rule.get("BYDAY", [])]
    freq = rule["FREQ"][0]
    if freq == "WEEKLY" and all(day in ICAL_DAYS for day in byday):
        days = sorted(ICAL_DAYS.index(day) for day in byday) or [entry.start.weekday()]
        return {"frequency": Frequency.WEEKLY, "weekdays": days}
    match = re.match(r"^([+-]?\d)(MO|TU|WE|TH|FR|SA|SU)$", byday[0]) if len(byday) == 1 else None
    if freq == "MONTHLY" and match and int(match.group(1)) in (1, 2, 3, 4, -1):
        return {
            "frequency": Frequency.MONTHLY,
            "week_of_month": int(match.group(1)),
            "monthly_weekday": ICAL_DAYS.index(match.group(2)),
        }
    return None


def _series(entry, overrides, today):
    """(series action fields, date changes, one-off entries, notes) for a repeating entry."""
    fields, venue = _common(entry)
    until = max(entry.start.date(), today) + EXPLICIT_SPAN
    dates = _file_dates(entry, until)
    if not dates:
        return None
    bounded = "UNTIL" in entry.rrule or "COUNT" in entry.rrule or not entry.rrule
    fields.update(
        start_time=entry.start.time(),
        duration_minutes=max(1, int((entry.end - entry.start).total_seconds() // 60)),
        first_date=dates[0],
        last_date=dates[-1] if bounded else None,
        frequency=Frequency.DATES,
        weekdays=[],
        week_of_month=None,
        monthly_weekday=None,
        explicit_dates="",
    )
    notes = []
    expressed = _rule_fields(entry) if entry.rrule else None
    if expressed:
        trial = MeetingSeriesPage(**(fields | expressed))
        if rule_dates(trial, until) == dates:
            fields.update(expressed)
        else:
            expressed = None
    if not expressed:
        fields["explicit_dates"] = "\n".join(d.isoformat() for d in dates)
        if not bounded:
            notes.append(f"its rule is written out as dates until {dates[-1].isoformat()}")
    changes, one_offs = {}, []
    for day in entry.exdates:
        day = day.date() if isinstance(day, dt.datetime) else day
        if day in dates:
            changes[day] = {"date": day, "cancelled": True}
    for override in overrides:
        rid = override.recurrence_id
        day = rid.date() if isinstance(rid, dt.datetime) else rid
        if day not in dates:
            one_offs.append(override)
        elif override.cancelled:
            changes[day] = {"date": day, "cancelled": True}
        elif (
            not override.all_day
            and override.end - override.start == entry.end - entry.start
            and override.title == entry.title
            and override.location == entry.location
        ):
            changes[day] = {
                "date": day,
                "new_date": override.start.date() if override.start.date() != day else None,
                "new_start_time": override.start.time()
                if override.start.time() != entry.start.time()
                else None,
            }
        else:
            changes[day] = {"date": day, "cancelled": True, "note": "See the separate event."}
            one_offs.append(override)
    return (fields, venue, sorted(changes.values(), key=lambda c: c["date"]), one_offs, notes)


def _change_tuple(change):
    return (
        change["date"],
        change.get("cancelled", False),
        change.get("new_date"),
        change.get("new_start_time"),
        change.get("note", ""),
    )


def _differs(page, fields, venue, changes):
    if any(getattr(page, name) != value for name, value in fields.items()):
        return True
    found = venue.find() if venue else None
    if (found.pk if found else None) != page.venue_id:
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


def plan(entries, calendar, today):
    """The Plan for importing `entries` (from reading.read) into `calendar`."""
    masters, overrides = {}, {}
    for entry in entries:
        if entry.recurrence_id is None:
            masters[entry.uid] = entry
        else:
            overrides.setdefault(entry.uid, []).append(entry)
    wanted = []  # (uid, model, fields, venue, changes, notes)
    warnings = []
    for uid, entry in masters.items():
        if entry.rrule or entry.rdates:
            if entry.all_day:
                warnings.append(f"Skipped “{entry.title}”: all-day repeating events.")
                continue
            built = _series(entry, overrides.pop(uid, []), today)
            if built is None:
                warnings.append(f"Skipped “{entry.title}”: its rule gives no dates.")
                continue
            fields, venue, changes, one_offs, notes = built
            wanted.append((uid, MeetingSeriesPage, fields, venue, changes, notes))
            if one_offs:
                overrides[uid] = one_offs
        else:
            fields, venue = _event_fields(entry)
            wanted.append((uid, EventPage, fields, venue, [], []))
    for uid, items in overrides.items():
        for item in items:
            stamp = item.recurrence_id.strftime("%Y%m%dT%H%M%S")
            fields, venue = _event_fields(item)
            wanted.append((f"{uid}#{stamp}", EventPage, fields, venue, [], []))
    existing = {}
    for model in (EventPage, MeetingSeriesPage):
        pages = model.objects.descendant_of(calendar).filter(
            source_uid__in=[row[0] for row in wanted]
        )
        if model is MeetingSeriesPage:
            pages = pages.prefetch_related("date_changes")
        existing.update({page.source_uid: page for page in pages})
    actions = []
    for uid, model, fields, venue, changes, notes in wanted:
        page = existing.get(uid)
        if page is not None and not isinstance(page, model):
            warnings.append(f"Skipped “{fields['title']}”: it was imported as another kind.")
            continue
        verb = "create"
        if page is not None:
            verb = "update" if _differs(page, fields, venue, changes) else "unchanged"
        actions.append(Action(verb, model, uid, fields, venue, changes, page, notes))
    return Plan(calendar, actions, warnings)
