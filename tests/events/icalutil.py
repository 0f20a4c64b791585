"""Read feeds back the way a calendar client does: parse with icalendar, expand with dateutil."""

import datetime as dt

from dateutil.rrule import rruleset, rrulestr
from icalendar import Calendar


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return check_rfc5545(response.content)


def vevents(cal, uid=None):
    return [e for e in cal.walk("VEVENT") if uid is None or str(e["UID"]) == uid]


def expand(cal, uid, until):
    """{recurrence id (aware): (start, end, vevent)} of a series: RRULE/RDATE minus EXDATE, with
    RECURRENCE-ID overrides applied, as an RFC 5545 client computes them."""
    events = vevents(cal, uid)
    master = next(e for e in events if "RECURRENCE-ID" not in e)
    start = master.decoded("DTSTART")
    duration = (
        master.decoded("DURATION") if "DURATION" in master else master.decoded("DTEND") - start
    )
    rules = rruleset()
    if "RRULE" in master:
        rules.rrule(rrulestr(master["RRULE"].to_ical().decode(), dtstart=start))
    else:
        rules.rdate(start)
    for prop, method in (("RDATE", rules.rdate), ("EXDATE", rules.exdate)):
        values = master.get(prop, [])
        for value in values if isinstance(values, list) else [values]:
            for item in value.dts:
                method(item.dt)
    limit = dt.datetime.combine(until, dt.time(23, 59), tzinfo=start.tzinfo)
    result = {
        moment: (moment, moment + duration, master)
        for moment in rules.between(start - dt.timedelta(seconds=1), limit)
    }
    for override in events:
        if "RECURRENCE-ID" in override:
            rid = override.decoded("RECURRENCE-ID")
            new_start = override.decoded("DTSTART")
            result[rid] = (new_start, override.decoded("DTEND"), override)
    return result


def check_rfc5545(body):
    """Validate a feed with checks that are not ours: RFC 5545's line rules (CRLF line ends,
    lines of at most 75 octets), icalendar's parser (no property it could not read), the
    required properties of each component, and icalendar's own calendar validation."""
    assert body.endswith(b"\r\n"), "the last line must end with CRLF"
    lines = body[:-2].split(b"\r\n")
    assert all(b"\n" not in line and b"\r" not in line for line in lines), "bare LF or CR"
    too_long = [line for line in lines if len(line) > 75]
    assert not too_long, f"lines over 75 octets: {too_long[:3]}"
    cal = Calendar.from_ical(body)
    cal.validate()
    required = {
        "VEVENT": ("UID", "DTSTAMP", "DTSTART"),
        "VTIMEZONE": ("TZID",),
        "STANDARD": ("DTSTART", "TZOFFSETFROM", "TZOFFSETTO"),
        "DAYLIGHT": ("DTSTART", "TZOFFSETFROM", "TZOFFSETTO"),
    }
    for component in cal.walk():
        assert not component.errors, f"{component.name}: {component.errors}"
        for name in required.get(component.name, ()):
            assert name in component, f"{component.name} without {name}"
    for vtimezone in cal.walk("VTIMEZONE"):
        assert vtimezone.subcomponents, "a VTIMEZONE needs a STANDARD or DAYLIGHT"
    return cal
