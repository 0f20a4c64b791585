"""VTIMEZONEs that Outlook reads: yearly rules derived from the tz database.

Outlook (MS-OXCICAL) keeps ONE yearly rule per zone: it reads the RRULE of the STANDARD and
DAYLIGHT sub-components (FREQ=YEARLY, BYMONTH, a single BYDAY such as 2SU or -1SU) and, with
RDATEs only, falls back to a fixed date. So each zone is written as yearly rules: the zone's
transitions (from zoneinfo) are scanned over the years the feed needs, each transition is
described as "the nth (or last) weekday of the month at this wall-clock time", and runs of
years with the same description become one sub-component with an RRULE (ended by UNTIL when a
later rule replaced it). The latest rule has no UNTIL, so it holds for open-ended series; a
zone without daylight time in those years is a single STANDARD. A transition that no yearly
rule describes (a one-time change) is a sub-component with only its DTSTART."""

import calendar as pycalendar
import datetime as dt
from dataclasses import dataclass

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard, vRecur

from .zones import get_zone

ICAL_DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
SCAN_STEP = dt.timedelta(days=7)
# Years scanned after the last year the feed needs, so the latest rule is seen repeating.
TRAILING_YEARS = 2
EPOCH = dt.datetime(1970, 1, 1)


@dataclass
class Transition:
    utc: dt.datetime  # the instant (aware, UTC)
    wall: dt.datetime  # the wall-clock time it happens at, in the offset before it (naive)
    before: dt.timedelta
    after: dt.timedelta
    daylight: bool
    name: str

    @property
    def shape(self):
        """What a yearly rule must keep the same from year to year."""
        return (
            self.daylight,
            self.before,
            self.after,
            self.name,
            self.wall.month,
            self.wall.time(),
        )

    @property
    def bydays(self):
        """Every BYDAY that names this transition's day: "2SU" and, in the last week, "-1SU"."""
        day = self.wall.day
        weekday = ICAL_DAYS[self.wall.weekday()]
        names = {f"{(day - 1) // 7 + 1}{weekday}"}
        if day + 7 > pycalendar.monthrange(self.wall.year, self.wall.month)[1]:
            names.add(f"-1{weekday}")
        return names


def _bisect(zone, low, high):
    """The first UTC second in (low, high] whose offset differs from low's."""
    offset = low.astimezone(zone).utcoffset()
    while high - low > dt.timedelta(seconds=1):
        middle = low + (high - low) / 2
        middle = middle.replace(microsecond=0)
        if middle.astimezone(zone).utcoffset() == offset:
            low = middle
        else:
            high = middle
    return high


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
            local = instant.astimezone(zone)
            found.append(
                Transition(
                    utc=instant,
                    wall=(instant + offset).replace(tzinfo=None),
                    before=offset,
                    after=local.utcoffset(),
                    daylight=bool(local.dst()),
                    name=local.tzname(),
                )
            )
            offset = local.utcoffset()
            moment = instant
        else:
            moment = following
    return found


def _runs(found):
    """Group transitions into runs that one yearly rule describes: (transitions, byday)."""
    runs = []
    for kind in (False, True):
        current, names = [], set()
        for transition in (t for t in found if t.daylight == kind):
            same = (
                current
                and transition.shape == current[-1].shape
                and transition.wall.year == current[-1].wall.year + 1
                and names & transition.bydays
            )
            if same:
                current.append(transition)
                names &= transition.bydays
                continue
            if current:
                runs.append((current, names))
            current, names = [transition], set(transition.bydays)
        if current:
            runs.append((current, names))
    runs.sort(key=lambda run: run[0][0].utc)
    return runs


def _observance(transition):
    observance = TimezoneDaylight() if transition.daylight else TimezoneStandard()
    observance.add("dtstart", transition.wall)
    observance.add("tzoffsetfrom", transition.before)
    observance.add("tzoffsetto", transition.after)
    observance.add("tzname", transition.name)
    return observance


def _byday(names):
    """A fixed week ("2SU") when one fits every year, else the last ("-1SU"); never a fifth
    week, which not every month has (a run of fifth Sundays is a "last Sunday" rule)."""
    positive = sorted(name for name in names if name[0] in "1234")
    return positive[0] if positive else sorted(names)[0]


def vtimezone(name, first_date, last_date=None):
    """A VTIMEZONE for the IANA zone `name`, valid from `first_date` through `last_date`
    (None: no end; the latest rule has no UNTIL)."""
    zone = get_zone(name)
    first_year = first_date.year - 1  # the rule in force on January 1 started the year before
    last_year = (last_date.year if last_date else first_date.year) + TRAILING_YEARS
    found = transitions(zone, first_year, last_year)
    component = Timezone()
    component.add("tzid", name)
    if not found:
        offset = dt.datetime(first_year, 1, 1, tzinfo=dt.UTC).astimezone(zone)
        only = Transition(
            utc=EPOCH.replace(tzinfo=dt.UTC),
            wall=EPOCH,
            before=offset.utcoffset(),
            after=offset.utcoffset(),
            daylight=False,
            name=offset.tzname(),
        )
        component.add_component(_observance(only))
        return component
    runs = _runs(found)
    latest = {run[0].daylight: index for index, (run, _) in enumerate(runs)}
    for index, (run, names) in enumerate(runs):
        observance = _observance(run[0])
        ongoing = index == latest[run[0].daylight] and run[-1].wall.year >= last_year - 1
        if len(run) > 1 or ongoing:
            recur = {"FREQ": "YEARLY", "BYMONTH": run[0].wall.month, "BYDAY": _byday(names)}
            if not ongoing:
                recur["UNTIL"] = run[-1].utc
            observance.add("rrule", vRecur(recur))
        component.add_component(observance)
    return component


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
