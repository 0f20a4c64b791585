"""What an entry of the file becomes: the fields of an EventPage or a MeetingSeriesPage, its
venue, its per-date changes, and what the plan must say about it.

A repeating entry becomes a MeetingSeriesPage with the page's own rule when its RRULE is one
the page can express (weekly on some weekdays, monthly on the nth or last weekday) and gives the
same dates; any other rule becomes a list of dates, EXPLICIT_SPAN ahead at most, which the plan
says. Rules are expanded with an end (UNTIL) always set, so even a rule that never matches
stops. EXDATEs become cancellations; an override (RECURRENCE-ID) that only moves a date becomes a
per-date change, one that changes more a one-off event (and the original date a cancellation);
an override for THISANDFUTURE ends the series the day before and starts a new one (split)."""

import dataclasses
import datetime as dt
import itertools
import re

from dateutil.rrule import rrulestr
from icalendar import vRecur

from ..choices import AttendanceMode, EventStatus, Frequency
from ..models import MeetingSeriesPage, Venue
from ..recurrence import ICAL_DAYS, LAST_YEAR, rule_dates
from ..zones import get_zone
from . import rules

URL_RE = re.compile(r"^https?://\S+$", re.IGNORECASE)
REGION_RE = re.compile(r"^([A-Z]{2})\s+(\d{5}(?:-\d{4})?|[A-Z]\d[A-Z] ?\d[A-Z]\d)$")
ONLINE_RE = re.compile(r"\b(teams meeting|zoom|google meet|webex|online)\b", re.IGNORECASE)
COUNTRIES = {"USA", "US", "UNITED STATES", "CANADA"}
# Rules the page cannot express are written out as dates this far ahead, and at most this many.
EXPLICIT_SPAN = dt.timedelta(days=2 * 366)
MOST_EXPLICIT = 1_000
JOIN_NOTE = "online-meeting join details left out of the published text"


@dataclasses.dataclass
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


def event_fields(entry):
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


def event_notes(entry):
    return [JOIN_NOTE] if entry.join_details_dropped else []


def _rule_end(entry):
    """The rule's UNTIL as a naive wall-clock datetime in the entry's zone, or None."""
    if "UNTIL" not in entry.rrule:
        return None
    end = entry.rrule["UNTIL"][0]
    if isinstance(end, dt.datetime) and end.tzinfo:
        return end.astimezone(get_zone(entry.zone)).replace(tzinfo=None)
    if not isinstance(end, dt.datetime):
        return dt.datetime.combine(end, dt.time(23, 59, 59))
    return end


def file_dates(entry, until):
    """(the dates the file's rule and RDATEs give, in the entry's zone, up to `until`; whether
    the rule gives dates after `until`). The rule is expanded with an UNTIL always set (its own
    or `until`), so even a rule that never matches stops there."""
    if not entry.rrule:
        dates = [entry.start.date()] + [d.date() for d in entry.rdates]
        return sorted({d for d in dates if d <= until}), any(d > until for d in dates)
    rule = {name: value for name, value in entry.rrule.items() if name not in ("UNTIL", "COUNT")}
    count = int(entry.rrule["COUNT"][0]) if "COUNT" in entry.rrule else None
    end = _rule_end(entry)
    bound = dt.datetime.combine(until, dt.time(23, 59, 59))
    if end is not None and end < bound:
        bound = end
    dates = []
    if rules.may_match(entry.rrule, entry.start.date(), bound.date()):
        text = vRecur(rule).to_ical().decode()
        expansion = rrulestr(text, dtstart=entry.start).replace(until=bound)
        dates = [moment.date() for moment in itertools.islice(expansion, count)]
    more = (end is None or end.date() > until) and (count is None or len(dates) < count)
    dates += [d.date() if isinstance(d, dt.datetime) else d for d in entry.rdates]
    return sorted({d for d in dates if d <= until}), more


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


def series(entry, overrides, today):
    """(series action fields, date changes, one-off entries, notes) for a repeating entry, or
    None when its rule gives no date."""
    fields, venue = _common(entry)
    until = max(entry.start.date(), today) + EXPLICIT_SPAN
    dates, more = file_dates(entry, until)
    if not dates:
        return None
    fields.update(
        start_time=entry.start.time(),
        duration_minutes=max(1, int((entry.end - entry.start).total_seconds() // 60)),
        first_date=dates[0],
        last_date=None,
        frequency=Frequency.DATES,
        weekdays=[],
        week_of_month=None,
        monthly_weekday=None,
        explicit_dates="",
    )
    notes = []
    expressed = _rule_fields(entry) if entry.rrule else None
    if expressed:
        trial = MeetingSeriesPage(
            **(fields | expressed | {"last_date": None if more else dates[-1]})
        )
        if rule_dates(trial, until) != dates:
            expressed = None
    if expressed:
        fields.update(expressed)
        if not more:
            fields["last_date"] = dates[-1]
        elif "UNTIL" in entry.rrule or "COUNT" in entry.rrule:
            # A long bounded rule: the page repeats it, to its real last date.
            every, beyond = file_dates(entry, dt.date(LAST_YEAR, 12, 31))
            fields["last_date"] = every[-1]
            if beyond:
                notes.append(f"its rule goes on after {LAST_YEAR}: it ends on {every[-1]}")
    else:
        if len(dates) > MOST_EXPLICIT:
            dates, more = dates[:MOST_EXPLICIT], True
        fields["explicit_dates"] = "\n".join(d.isoformat() for d in dates)
        fields["last_date"] = dates[-1]
        if more:
            notes.append(
                f"the site cannot repeat its rule: its dates are listed until {dates[-1]}, "
                "the later ones are not imported"
            )
    if entry.join_details_dropped:
        notes.append(JOIN_NOTE)
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


def split_this_and_future(entry, futures):
    """[(uid suffix, entry)]: the series `entry` cut at each override for THISANDFUTURE
    (RFC 5545: the override's changes apply to its date and every later one). The first part
    keeps the UID; each later part starts at its override's start, with its title, place and
    text, and repeats the rule from there (a moved date moves every later date alike)."""
    parts, rest = [], entry
    for future in sorted(futures, key=lambda item: item.recurrence_id):
        rid = future.recurrence_id
        before, _ = file_dates(rest, rid.date() - dt.timedelta(days=1)) if rest.rrule else ([], 0)
        head_rule = dict(rest.rrule or {})
        head_rule.pop("COUNT", None)
        head_rule["UNTIL"] = [rid - dt.timedelta(seconds=1)]
        parts.append(
            dataclasses.replace(
                rest,
                rrule=head_rule if rest.rrule else None,
                rdates=[d for d in rest.rdates if d < rid],
            )
        )
        tail_rule = dict(rest.rrule or {})
        if "COUNT" in tail_rule:
            tail_rule["COUNT"] = [max(1, int(tail_rule["COUNT"][0]) - len(before))]
        shift = future.start - rid
        tail = dataclasses.replace(
            future,
            recurrence_id=None,
            this_and_future=False,
            rrule=tail_rule or None,
            rdates=[d + shift for d in rest.rdates if d >= rid],
            exdates=[d for d in rest.exdates if d >= rid],
        )
        if future.start.date() != rid.date() and tail.rrule:
            # The rule's weekdays would not move with the dates: list the moved dates instead.
            moved, _ = file_dates(
                dataclasses.replace(rest, rrule=tail_rule), rid.date() + EXPLICIT_SPAN
            )
            tail = dataclasses.replace(
                tail,
                rrule=None,
                rdates=[
                    dt.datetime.combine(d, rid.time()) + shift for d in moved if d >= rid.date()
                ],
            )
        rest = tail
    parts.append(rest)
    stamps = [future.recurrence_id.strftime("%Y%m%dT%H%M%S") for future in futures]
    return [("", parts[0])] + [
        (f"#from-{stamp}", part) for stamp, part in zip(sorted(stamps), parts[1:], strict=True)
    ]
