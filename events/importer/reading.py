"""Reading an iCalendar file for import, strictly: limits, dates and time zones.

Everything is checked before anything is written, and the first problem is reported as an
ImportFileError with a message an editor can act on. Times are read from the raw property
values (wall clock + TZID), never from a parser's guess: a TZID is an IANA zone, a Windows
zone name ("Central Standard Time", as Outlook writes them) mapped to IANA, or a name the
file's own VTIMEZONE defines ("Customized Time Zone") matched to the IANA zone with the same
transitions; anything else is an error. Dates must lie between 1900 and 2200, lengths within a
year, repeat rules within the bounds of rules.py, so that no input makes unbounded work. UTC
and floating times are read in the calendar's zone (X-WR-TIMEZONE when the file names a valid
one, Google Calendar does). Text is unfolded, then decoded as strict UTF-8; descriptions are made
plain and lose online-meeting join details (text.py)."""

import contextlib
import datetime as dt
import re
from dataclasses import dataclass, field

from icalendar import Calendar
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from ..recurrence import FIRST_YEAR, LAST_YEAR, in_range
from ..zones import get_zone, is_time_zone
from . import rules, text, zones_in_file
from .errors import ImportFileError

MAX_BYTES = 2_000_000
MAX_EVENTS = 2_000
MAX_UID = 255  # the length of CalendarEntry.source_uid
MAX_DURATION = dt.timedelta(days=366)
DATE_RE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
DATETIME_RE = re.compile(r"^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)$")
FOLD_RE = re.compile(rb"\r?\n[ \t]")
VEVENT_RE = re.compile(r"^BEGIN:VEVENT\s*$", re.IGNORECASE | re.MULTILINE)


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
    this_and_future: bool = False  # RECURRENCE-ID;RANGE=THISANDFUTURE
    join_details_dropped: bool = False

    @property
    def all_day(self):
        return not isinstance(self.start, dt.datetime)


def resolve_zone(name, defined=None):
    """The IANA name for a TZID: IANA as is, a Windows name mapped, or the zone a VTIMEZONE
    of the file itself defines under that name (`defined`); None if none of these."""
    name = (name or "").strip().strip('"')
    if is_time_zone(name):
        return name
    return WINDOWS_TO_OLSON.get(name) or (defined or {}).get(name)


def _label(vevent):
    return f"event “{vevent.get('SUMMARY', '(no title)')}” ({vevent.get('UID', 'no UID')})"


def _values(vevent, name, zone, defined=None):
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
            own_zone = resolve_zone(tzid, defined)
            if own_zone is None:
                raise ImportFileError(f"Unknown time zone “{tzid}” in {_label(vevent)}.")
        raw = item.to_ical().decode() if hasattr(item, "to_ical") else str(item)
        for value in raw.split(","):
            found.append(_moment(value.strip(), own_zone, zone, name, vevent))
    return found


def _moment(value, own_zone, zone, name, vevent):
    moment = None
    if match := DATE_RE.match(value):
        with contextlib.suppress(ValueError):
            moment = dt.date(*map(int, match.groups()))
    elif match := DATETIME_RE.match(value):
        with contextlib.suppress(ValueError):
            moment = dt.datetime(*map(int, match.groups()[:6]))
    if moment is None:
        raise ImportFileError(f"Malformed date “{value}” in {name} of {_label(vevent)}.")
    if not in_range(moment):
        raise ImportFileError(
            f"The date “{value}” in {name} of {_label(vevent)} is not between "
            f"{FIRST_YEAR} and {LAST_YEAR}."
        )
    if isinstance(moment, dt.datetime):
        source = dt.UTC if match.group(7) else get_zone(own_zone)
        moment = moment.replace(tzinfo=source).astimezone(get_zone(zone)).replace(tzinfo=None)
    return moment


def _duration(vevent, label):
    try:
        duration = vevent.decoded("DURATION")
    except (ValueError, TypeError, OverflowError):
        duration = None
    if not isinstance(duration, dt.timedelta) or not dt.timedelta(0) <= duration <= MAX_DURATION:
        raise ImportFileError(
            f"The DURATION of {label} is not a length from zero to {MAX_DURATION.days} days."
        )
    return duration


def _entry(vevent, default_zone, defined):
    label = _label(vevent)
    if vevent.errors:
        prop, _problem = vevent.errors[0]  # icalendar's text names Python types: not shown
        raise ImportFileError(f"Cannot read the {prop} of {label}: its value is not valid.")
    uid = str(vevent.get("UID", "")).strip()
    if len(uid) > MAX_UID:
        raise ImportFileError(f"The UID of {label} is longer than {MAX_UID} characters.")
    if "DTSTART" not in vevent:
        raise ImportFileError(f"No start date (DTSTART) in {label}.")
    tzid = vevent["DTSTART"].params.get("TZID")
    zone = resolve_zone(tzid, defined) if tzid else default_zone
    if zone is None:
        raise ImportFileError(f"Unknown time zone “{tzid}” in {label}.")
    (start,) = _values(vevent, "DTSTART", zone, defined)[:1]
    if "DTEND" in vevent:
        (end,) = _values(vevent, "DTEND", zone, defined)[:1]
    elif "DURATION" in vevent:
        end = start + _duration(vevent, label)
    elif isinstance(start, dt.datetime):
        end = start
    else:
        end = start + dt.timedelta(days=1)
    if isinstance(start, dt.datetime) != isinstance(end, dt.datetime) or end < start:
        raise ImportFileError(f"The end of {label} is before its start or of another kind.")
    if end - start > MAX_DURATION:
        raise ImportFileError(f"{label.capitalize()} lasts more than {MAX_DURATION.days} days.")
    rid = _values(vevent, "RECURRENCE-ID", zone, defined)
    rid_range = str(vevent["RECURRENCE-ID"].params.get("RANGE", "")) if rid else ""
    description, dropped = text.public_description(str(vevent.get("DESCRIPTION", "")))
    rrule = dict(vevent["RRULE"]) if "RRULE" in vevent else None
    if rrule is not None:
        rules.check(rrule, label)
    return Entry(
        uid=uid,
        title=str(vevent.get("SUMMARY", "")).strip()[:255] or "Untitled event",
        zone=zone,
        start=start,
        end=end,
        description=description,
        location=str(vevent.get("LOCATION", "")).strip(),
        url=str(vevent.get("URL", "")).strip(),
        cancelled=str(vevent.get("STATUS", "")).upper() == "CANCELLED",
        rrule=rrule,
        rdates=_values(vevent, "RDATE", zone, defined),
        exdates=_values(vevent, "EXDATE", zone, defined),
        recurrence_id=rid[0] if rid else None,
        this_and_future=rid_range.upper() == "THISANDFUTURE",
        join_details_dropped=dropped,
    )


def _text(data):
    """The file as text: lines unfolded first (a fold may split a UTF-8 character), then
    decoded as UTF-8, strictly: a byte that is not UTF-8 is reported, never replaced."""
    data = FOLD_RE.sub(b"", data.removeprefix(b"\xef\xbb\xbf"))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportFileError(
            f"The file is not UTF-8 text: line {line} has bytes that are not UTF-8. Export it "
            "again as UTF-8 (nothing was imported)."
        ) from error


def read(data, default_zone):
    """The entries of an iCalendar file (bytes), or ImportFileError."""
    if len(data) > MAX_BYTES:
        raise ImportFileError(
            f"The file is too large ({len(data) // 1000} kB; at most {MAX_BYTES // 1000} kB)."
        )
    if b"BEGIN:VCALENDAR" not in data[:2000].upper():
        raise ImportFileError("This is not an iCalendar (.ics) file: it has no BEGIN:VCALENDAR.")
    content = _text(data)
    if len(VEVENT_RE.findall(content)) > MAX_EVENTS:  # "begin:vevent" counts too
        raise ImportFileError(
            f"The file has more than {MAX_EVENTS} events; import a shorter period."
        )
    try:
        cal = Calendar.from_ical(content)
    except (ValueError, TypeError, IndexError, KeyError) as error:
        raise ImportFileError(
            "This is not a readable iCalendar file: its lines do not follow the format."
        ) from error
    defined = zones_in_file.defined_zones(cal, default_zone)
    named = str(cal.get("X-WR-TIMEZONE", "")).strip()
    zone = resolve_zone(named, defined) if named else None
    zone = zone or default_zone
    entries = [_entry(vevent, zone, defined) for vevent in cal.walk("VEVENT")]
    if not entries:
        raise ImportFileError("The file has no events.")
    if any(not entry.uid for entry in entries):
        raise ImportFileError("An event has no UID, so it could not be updated by a re-import.")
    return entries
