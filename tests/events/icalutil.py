"""Read feeds back the way a calendar client does: parse with icalendar, expand with dateutil."""

import datetime as dt

from dateutil.rrule import rruleset, rrulestr
from icalendar import Calendar


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


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
