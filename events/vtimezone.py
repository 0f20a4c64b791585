"""VTIMEZONEs that every client reads the same: yearly rules derived from the tz database.

Outlook (MS-OXCICAL) keeps ONE yearly rule per zone: it reads the RRULE of the STANDARD and
DAYLIGHT sub-components (FREQ=YEARLY, BYMONTH, a single BYDAY such as 2SU or -1SU) and, with
RDATEs only, falls back to a fixed date. So each zone is written as yearly rules, derived from
the zone's actual transitions (zoneinfo) from the year before the feed's first date to HORIZON
at least (2045; later when the feed's dates go later), plus TRAILING_YEARS: zoneinfo repeats
its last rule for ever after its explicit transitions (2037), so a rule still in force at the
end of the scan is the zone's current rule and is written without an end.

Each transition is described every way a yearly rule could name it: the nth or nth-last
weekday of the month ("2SU", "-1SU", "-2SA"), a weekday on or after a day ("Sun>=2":
BYMONTHDAY=2,...,8;BYDAY=SU) or a fixed day of the month. Runs of consecutive years whose
transitions share the offsets, month, wall-clock time and at least one description become one
sub-component with that RRULE (the plainest description the whole run shares, Outlook's kind
first), ended by UNTIL when the run ends. UNTIL is written as 23:59:59 UTC on the day after the
last transition: RFC readers compare it as UTC, dateutil's tzical (icalendar,
recurring-ical-events) drops the Z and compares it with the wall-clock onset, and both then keep
the last onset and nothing of the next year's. Transitions that no yearly rule describes (one-time
changes, Morocco's Ramadan) are grouped by offsets into sub-components of DTSTART + RDATE."""

import calendar as pycalendar
import datetime as dt
import functools
from dataclasses import dataclass

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard, vRecur

from .zones import get_zone

ICAL_DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
# Shorter than any period the tz database keeps an offset (Gaza: 7 days between Ramadan and
# October), so no change and change back falls between two looks.
SCAN_STEP = dt.timedelta(days=3)
# Every feed's zones are right through this year at least, whatever its own dates.
HORIZON = 2045
# Years scanned after the last year needed, so the rule still in force is seen repeating.
TRAILING_YEARS = 2


@dataclass(frozen=True)
class Transition:
    utc: dt.datetime  # the instant (aware, UTC)
    wall: dt.datetime  # the wall-clock time it happens at, in the offset before it (naive)
    before: dt.timedelta
    after: dt.timedelta
    daylight: bool
    name: str

    @property
    def shape(self):
        """What a yearly rule keeps the same from year to year."""
        return (
            self.daylight,
            self.before,
            self.after,
            self.name,
            self.wall.month,
            self.wall.time(),
        )

    @property
    def descriptions(self):
        """Every yearly description of this transition's day, as sortable keys: the plainest
        (the one Outlook reads: a positive week, then the last week) sorts first."""
        day, weekday = self.wall.day, self.wall.weekday()
        length = pycalendar.monthrange(self.wall.year, self.wall.month)[1]
        found = set()
        week = (day - 1) // 7 + 1
        if week <= 4:
            found.add((0, week, weekday))
        from_end = (length - day) // 7 + 1
        if from_end <= 4:
            found.add((1 if from_end == 1 else 2, -from_end, weekday))
        for first in range(max(1, day - 6), day + 1):
            if first + 6 <= length:
                found.add((3, first, weekday))  # the weekday on or after `first`
        found.add((4, day, None))  # a fixed day
        return found


def recur_of(description, month):
    """The RRULE (a dict for vRecur) of a description from Transition.descriptions."""
    kind, number, weekday = description
    recur = {"FREQ": "YEARLY", "BYMONTH": month}
    if kind < 3:
        recur["BYDAY"] = f"{number}{ICAL_DAYS[weekday]}"
    elif kind == 3:
        recur["BYMONTHDAY"] = list(range(number, number + 7))
        recur["BYDAY"] = ICAL_DAYS[weekday]
    else:
        recur["BYMONTHDAY"] = number
    return recur


def _bisect(zone, low, high):
    """The first UTC second in (low, high] whose offset differs from low's."""
    offset = low.astimezone(zone).utcoffset()
    while high - low > dt.timedelta(seconds=1):
        middle = (low + (high - low) / 2).replace(microsecond=0)
        if middle.astimezone(zone).utcoffset() == offset:
            low = middle
        else:
            high = middle
    return high


def _state(zone, moment):
    local = moment.astimezone(zone)
    return local.utcoffset(), bool(local.dst()), local.tzname()


def transitions(zone, first_year, last_year):
    """The zone's offset changes from the start of `first_year` to the end of `last_year`."""
    moment = dt.datetime(first_year, 1, 1, tzinfo=dt.UTC)
    stop = dt.datetime(last_year + 1, 1, 1, tzinfo=dt.UTC)
    found = []
    offset = moment.astimezone(zone).utcoffset()
    while moment < stop:
        following = min(moment + SCAN_STEP, stop)
        if following.astimezone(zone).utcoffset() != offset:
            instant = _bisect(zone, moment, following)
            after, daylight, name = _state(zone, instant)
            found.append(
                Transition(
                    utc=instant,
                    wall=(instant + offset).replace(tzinfo=None),
                    before=offset,
                    after=after,
                    daylight=daylight,
                    name=name,
                )
            )
            offset = after
            moment = instant
        else:
            moment = following
    return found


def _runs(found):
    """Group transitions into runs that one yearly rule describes: [(transitions, shared
    descriptions)], in order of their first transition."""
    runs, open_runs = [], {}
    for transition in found:
        run = open_runs.get(transition.shape)
        if run is not None:
            members, shared = run
            common = shared & transition.descriptions
            if members[-1].wall.year == transition.wall.year - 1 and common:
                members.append(transition)
                run[1] = common
                continue
        run = [[transition], transition.descriptions]
        open_runs[transition.shape] = run
        runs.append(run)
    return [(members, shared) for members, shared in runs]


def _observance(transition, start=None):
    observance = TimezoneDaylight() if transition.daylight else TimezoneStandard()
    observance.add("dtstart", start or transition.wall)
    observance.add("tzoffsetfrom", transition.before)
    observance.add("tzoffsetto", transition.after)
    observance.add("tzname", transition.name)
    return observance


def _until(transition):
    return dt.datetime.combine(
        transition.wall.date() + dt.timedelta(days=1), dt.time(23, 59, 59), tzinfo=dt.UTC
    )


def _fixed_observances(singles):
    """Transitions no yearly rule describes: one sub-component per set of offsets, with the
    first as DTSTART and every one as an RDATE (wall-clock times in the offset before): ical.js
    reads only the RDATEs of a sub-component that has any, not its DTSTART."""
    groups = {}
    for transition in singles:
        key = (transition.daylight, transition.before, transition.after, transition.name)
        groups.setdefault(key, []).append(transition)
    observances = []
    for members in groups.values():
        observance = _observance(members[0])
        for member in members:  # one RDATE per line: ical.js reads the first value of each
            observance.add("rdate", member.wall)
        observances.append((members[0].utc, observance))
    return observances


def _leading(zone, start):
    """The offset in force at `start`, as an observance beginning then: readers disagree
    about times before a zone's first onset (dateutil takes the first STANDARD)."""
    offset, daylight, name = _state(zone, start)
    wall = (start + offset).replace(tzinfo=None)
    return _observance(Transition(start, wall, offset, offset, daylight, name))


@functools.lru_cache(maxsize=256)
def _build(name, first_year, last_year):
    zone = get_zone(name)
    scan_start = dt.datetime(first_year - 1, 1, 1, tzinfo=dt.UTC)
    found = transitions(zone, first_year - 1, last_year)
    component = Timezone()
    component.add("tzid", name)
    if not found or found[0].utc >= dt.datetime(first_year, 1, 1, tzinfo=dt.UTC):
        # No onset before the feed's first year: say what is in force from the scan's start.
        component.add_component(_leading(zone, scan_start))
    observances, singles = [], []
    for members, shared in _runs(found):
        ongoing = members[-1].wall.year == last_year
        if len(members) == 1 and not ongoing:
            singles.append(members[0])
            continue
        observance = _observance(members[0])
        recur = recur_of(min(shared), members[0].wall.month)
        if not ongoing:
            recur["UNTIL"] = _until(members[-1])
        observance.add("rrule", vRecur(recur))
        observances.append((members[0].utc, observance))
    observances += _fixed_observances(singles)
    for _start, observance in sorted(observances, key=lambda item: item[0]):
        component.add_component(observance)
    return component.to_ical()


def vtimezone(name, first_date, last_date=None):
    """A VTIMEZONE for the IANA zone `name`, right from `first_date` through `last_date` and
    HORIZON at least (a rule still in force then has no end, so it holds for ever)."""
    last_year = max(last_date.year if last_date else first_date.year, HORIZON) + TRAILING_YEARS
    return Timezone.from_ical(_build(name, first_date.year, last_year))


def _zoned_moments(vevent):
    """(zone name, naive wall-clock datetime) of every zoned time a VEVENT names."""
    for prop in ("DTSTART", "DTEND", "RECURRENCE-ID", "RDATE", "EXDATE"):
        values = vevent.get(prop)
        if values is None:
            continue
        for value in values if isinstance(values, list) else [values]:
            items = [item.dt for item in value.dts] if hasattr(value, "dts") else [value.dt]
            for moment in items:
                key = getattr(getattr(moment, "tzinfo", None), "key", None)
                if isinstance(moment, dt.datetime) and key and key != "UTC":
                    yield key, moment.replace(tzinfo=None)


def add_to_calendar(cal):
    """Add, before the events, a VTIMEZONE for every zone the calendar's events use, valid for
    all their dates (the latest rule has no end, so series without an end are covered)."""
    spans = {}
    for vevent in cal.walk("VEVENT"):
        for key, moment in _zoned_moments(vevent):
            first, last = spans.get(key, (moment, moment))
            spans[key] = (min(first, moment), max(last, moment))
    zones = [
        vtimezone(key, first.date(), last.date()) for key, (first, last) in sorted(spans.items())
    ]
    cal.subcomponents[:0] = zones
