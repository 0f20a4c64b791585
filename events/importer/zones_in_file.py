"""Time zones a file defines itself: Outlook writes a VTIMEZONE under names that are neither
IANA nor Windows zone IDs ("Customized Time Zone", "(UTC-06:00) Central Time (US & Canada)").
Such a zone is read from its own rules (dateutil's tzical, as icalendar does) and matched to
the IANA zone with the same UTC offset at noon UTC of every day of four years: the calendar's
own zone when it matches, else the first matching zone that a Windows zone name maps to."""

import datetime as dt
import zoneinfo

from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from ..zones import is_time_zone

# The years compared: from the zone's latest rule on (Outlook starts its rules in 1601), and
# never before 2020, so the zone's current rules decide.
EARLIEST = 2020
YEARS = 4


def _days(component):
    starts = [sub.decoded("DTSTART") for sub in component.subcomponents if "DTSTART" in sub]
    first = max([EARLIEST, *(start.year for start in starts)])
    begin = dt.datetime(first, 1, 1, 12, tzinfo=dt.UTC)
    return [begin + dt.timedelta(days=n) for n in range(365 * YEARS)]


def _offsets(tz, moments):
    return [moment.astimezone(tz).utcoffset() for moment in moments]


def match(component, preferred=None):
    """The IANA zone whose offsets are those of the VTIMEZONE `component`, or None."""
    try:
        tz = component.to_tz(lookup_tzid=False)
        moments = _days(component)
        wanted = _offsets(tz, moments)
    except (ValueError, TypeError, KeyError, IndexError, OverflowError, AttributeError):
        return None
    candidates = [preferred] if preferred else []
    # In the mapping's order: each Windows zone's own IANA zone comes before its aliases.
    candidates += [name for name in dict.fromkeys(WINDOWS_TO_OLSON.values()) if name != preferred]
    for name in candidates:
        if is_time_zone(name) and _offsets(zoneinfo.ZoneInfo(name), moments) == wanted:
            return name
    return None


def defined_zones(cal, preferred=None):
    """{TZID: IANA name} for the file's VTIMEZONEs whose TZID is not a zone name itself."""
    found = {}
    for component in cal.walk("VTIMEZONE"):
        tzid = str(component.get("TZID", "")).strip().strip('"')
        if not tzid or is_time_zone(tzid) or tzid in WINDOWS_TO_OLSON:
            continue
        name = match(component, preferred)
        if name:
            found[tzid] = name
    return found
