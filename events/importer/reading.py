"""Reading an iCalendar file for import, strictly: limits, dates and time zones.

Everything is checked before anything is written, and the first problem is reported as an
ImportFileError with a message an editor can act on. Times are read from the raw property
values (wall clock + TZID), never from a parser's guess: a TZID is an IANA zone or a Windows
zone name ("Central Standard Time", as Outlook writes them) mapped to IANA; anything else is
an error. UTC and floating times are read in the calendar's zone (X-WR-TIMEZONE when the file
names a valid one, Google Calendar does)."""

import datetime as dt
import html
import re
from dataclasses import dataclass, field

from django.utils.html import strip_tags
from django.utils.text import Truncator
from icalendar import Calendar
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from ..zones import get_zone, is_time_zone

MAX_BYTES = 2_000_000
MAX_EVENTS = 2_000
DATE_RE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
DATETIME_RE = re.compile(r"^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)$")


class ImportFileError(Exception):
    """The file cannot be imported; the message says why (nothing was changed)."""


@dataclass
class Entry:
    """One VEVENT: a one-off, a series' master (rrule/rdates) or an override (recurrence_id).
    Times are naive wall-clock datetimes in `zone`, or dates for all-day entries."""

    uid: str
    title: str
    zone: str
    start: dt.datetime | dt.date
    end: dt.datetime | dt.date
    description: str = ""
    location: str = ""
    url: str = ""
    cancelled: bool = False
    rrule: dict | None = None
    rdates: list = field(default_factory=list)
    exdates: list = field(default_factory=list)
    recurrence_id: dt.datetime | dt.date | None = None

    @property
    def all_day(self):
        return not isinstance(self.start, dt.datetime)


def resolve_zone(name):
    """The IANA name for a TZID: IANA as is, a Windows name mapped; None if neither."""
    name = (name or "").strip().strip('"')
    if is_time_zone(name):
        return name
    return WINDOWS_TO_OLSON.get(name)


def _label(vevent):
    return f"event “{vevent.get('SUMMARY', '(no title)')}” ({vevent.get('UID', 'no UID')})"


def _values(vevent, name, zone):
    """The values of a date/date-time property as (naive wall time or date) in `zone`."""
    prop = vevent.get(name)
    if prop is None:
        return []
    props = prop if isinstance(prop, list) else [prop]
    found = []
    for item in props:
        tzid = item.params.get("TZID") if hasattr(item, "params") else None
        own_zone = zone
        if tzid:
            own_zone = resolve_zone(tzid)
            if own_zone is None:
                raise ImportFileError(f"Unknown time zone “{tzid}” in {_label(vevent)}.")
        raw = item.to_ical().decode() if hasattr(item, "to_ical") else str(item)
        for text in raw.split(","):
            found.append(_moment(text.strip(), own_zone, zone, name, vevent))
    return found


def _moment(text, own_zone, zone, name, vevent):
    if match := DATE_RE.match(text):
        try:
            return dt.date(*map(int, match.groups()))
        except ValueError:
            pass
    elif match := DATETIME_RE.match(text):
        try:
            moment = dt.datetime(*map(int, match.groups()[:6]))
        except ValueError:
            pass
        else:
            source = dt.UTC if match.group(7) else get_zone(own_zone)
            local = moment.replace(tzinfo=source).astimezone(get_zone(zone))
            return local.replace(tzinfo=None)
    raise ImportFileError(f"Malformed date “{text}” in {name} of {_label(vevent)}.")


def _entry(vevent, default_zone):
    label = _label(vevent)
    if vevent.errors:
        prop, problem = vevent.errors[0]
        raise ImportFileError(f"Cannot read {prop} of {label}: {problem}.")
    if "DTSTART" not in vevent:
        raise ImportFileError(f"No start date (DTSTART) in {label}.")
    tzid = vevent["DTSTART"].params.get("TZID")
    zone = resolve_zone(tzid) if tzid else default_zone
    if zone is None:
        raise ImportFileError(f"Unknown time zone “{tzid}” in {label}.")
    (start,) = _values(vevent, "DTSTART", zone)[:1]
    if "DTEND" in vevent:
        (end,) = _values(vevent, "DTEND", zone)[:1]
    elif "DURATION" in vevent:
        end = start + vevent.decoded("DURATION")
    elif isinstance(start, dt.datetime):
        end = start
    else:
        end = start + dt.timedelta(days=1)
    if isinstance(start, dt.datetime) != isinstance(end, dt.datetime) or end < start:
        raise ImportFileError(f"The end of {label} is before its start or of another kind.")
    rid = _values(vevent, "RECURRENCE-ID", zone)
    description = html.unescape(strip_tags(str(vevent.get("DESCRIPTION", ""))))
    description = Truncator(re.sub(r"[ \t\xa0]+", " ", description)).chars(1000)
    return Entry(
        uid=str(vevent.get("UID", "")).strip(),
        title=str(vevent.get("SUMMARY", "")).strip()[:255] or "Untitled event",
        zone=zone,
        start=start,
        end=end,
        description=description.strip(),
        location=str(vevent.get("LOCATION", "")).strip(),
        url=str(vevent.get("URL", "")).strip(),
        cancelled=str(vevent.get("STATUS", "")).upper() == "CANCELLED",
        rrule=dict(vevent["RRULE"]) if "RRULE" in vevent else None,
        rdates=_values(vevent, "RDATE", zone),
        exdates=_values(vevent, "EXDATE", zone),
        recurrence_id=rid[0] if rid else None,
    )


def read(data, default_zone):
    """The entries of an iCalendar file (bytes), or ImportFileError."""
    if len(data) > MAX_BYTES:
        raise ImportFileError(
            f"The file is too large ({len(data) // 1000} kB; at most {MAX_BYTES // 1000} kB)."
        )
    if b"BEGIN:VCALENDAR" not in data[:2000].upper():
        raise ImportFileError("This is not an iCalendar (.ics) file: it has no BEGIN:VCALENDAR.")
    if data.count(b"BEGIN:VEVENT") > MAX_EVENTS:
        raise ImportFileError(
            f"The file has more than {MAX_EVENTS} events; import a shorter period."
        )
    try:
        cal = Calendar.from_ical(data)
    except ValueError as error:
        raise ImportFileError(f"This is not a readable iCalendar file ({error}).") from error
    named = str(cal.get("X-WR-TIMEZONE", "")).strip()
    zone = resolve_zone(named) if named else None
    zone = zone or default_zone
    entries = [_entry(vevent, zone) for vevent in cal.walk("VEVENT")]
    if not entries:
        raise ImportFileError("The file has no events.")
    if any(not entry.uid for entry in entries):
        raise ImportFileError("An event has no UID, so it could not be updated by a re-import.")
    return entries
