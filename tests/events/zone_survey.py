"""Read the VTIMEZONEs we write as two real readers do and compare them with zoneinfo at noon
(wall clock) of every day: ical.js (Thunderbird; one node process for every zone) and
dateutil's tzical (what icalendar and recurring-ical-events use to read a VTIMEZONE)."""

import datetime as dt
import io
import itertools
import zoneinfo

from dateutil.tz import tzical
from icalendar import Calendar

from events.vtimezone import vtimezone
from tests.icaljs import icaljs_offsets


def noons(first, last):
    return [
        dt.datetime.combine(first + dt.timedelta(days=n), dt.time(12))
        for n in range((last - first).days + 1)
    ]


def zoneinfo_offsets(name, days):
    """zoneinfo's offset (seconds) at each of `days`, as [[day index, offset], ...] wherever it
    changes (the form the readers' answers take)."""
    changes, index = [], 0
    for offset, run in itertools.groupby(map(zoneinfo.ZoneInfo(name).utcoffset, days)):
        changes.append([index, int(offset.total_seconds())])
        index += len(list(run))
    return changes


def tzical_offsets(text, days):
    """tzical's offset at each of `days`. Its answer is the sub-component with the latest
    onset before the time, so it can only change around an onset: tzical is asked about the
    first day and the days around each onset of its own expansion, the rest carries over."""
    tz = tzical(io.StringIO(text)).get()
    first, count = days[0].date(), len(days)
    asked = {0}
    for comp in tz._comps:  # the onsets tzical itself expanded from our RRULEs and RDATEs
        for onset in comp.rrule.between(days[0] - dt.timedelta(days=3), days[-1], inc=True):
            index = (onset.date() - first).days
            asked.update(n for n in range(index - 2, index + 3) if 0 <= n < count)
    changes = []
    for index in sorted(asked):
        offset = int(days[index].replace(tzinfo=tz).utcoffset().total_seconds())
        if not changes or changes[-1][1] != offset:
            changes.append([index, offset])
    return changes


def survey(names, first, last=dt.date(2045, 12, 31)):
    """{reader: [zones it reads wrong on some day from `first` to `last`]} for VTIMEZONEs
    written for a series that starts on `first` and has no end."""
    cal = Calendar()
    texts = {}
    for name in names:
        component = vtimezone(name, first)
        texts[name] = component.to_ical().decode()
        cal.add_component(component)
    days = noons(first, last)
    expected = {name: zoneinfo_offsets(name, days) for name in names}
    icaljs = icaljs_offsets(cal.to_ical(), first, last)
    wrong = {"ical.js": [], "dateutil": []}
    for name in names:
        if icaljs[name] != expected[name]:
            wrong["ical.js"].append(name)
        if tzical_offsets(texts[name], days) != expected[name]:
            wrong["dateutil"].append(name)
    return wrong
