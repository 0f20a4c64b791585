"""Pure date arithmetic for meeting series: the rule as a dateutil rrule, expanded in local
wall-clock time and made aware in the series' IANA zone, so DST never shifts a meeting."""

import datetime as dt

from dateutil import rrule

from .choices import Frequency
from .zones import get_zone

# Every date the site takes (editors, imports) lies in these years: later ones overflow date
# arithmetic (9999-12-31 + a day), earlier ones predate the tz database's rules.
FIRST_YEAR, LAST_YEAR = 1900, 2200
# The longest meeting of a series: a day.
MAX_DURATION_MINUTES = 24 * 60

RRULE_DAYS = [rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA, rrule.SU]
ICAL_DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def in_range(date):
    """Whether a date (or datetime) lies between FIRST_YEAR and LAST_YEAR."""
    return FIRST_YEAR <= date.year <= LAST_YEAR


def parse_dates(text):
    """The explicit dates of a series, one ISO date (YYYY-MM-DD) per line, sorted."""
    dates = set()
    for line in (text or "").replace(",", "\n").splitlines():
        line = line.strip()
        if line:
            dates.add(dt.date.fromisoformat(line))
    return sorted(dates)


def rule_dates(series, until):
    """The dates the series' rule yields from its first date up to `until` (inclusive),
    before any per-date change. `series` needs frequency, weekdays, week_of_month,
    monthly_weekday, first_date, last_date, explicit_dates."""
    end = min(until, series.last_date) if series.last_date else until
    if series.frequency == Frequency.DATES:
        return [d for d in parse_dates(series.explicit_dates) if d <= end]
    start = dt.datetime.combine(series.first_date, dt.time())
    stop = dt.datetime.combine(end, dt.time())
    if series.frequency == Frequency.WEEKLY:
        days = [RRULE_DAYS[d] for d in series.weekdays] or [RRULE_DAYS[series.first_date.weekday()]]
        rule = rrule.rrule(rrule.WEEKLY, byweekday=days, dtstart=start, until=stop)
    else:
        day = RRULE_DAYS[series.monthly_weekday](series.week_of_month)
        rule = rrule.rrule(rrule.MONTHLY, byweekday=day, dtstart=start, until=stop)
    return [moment.date() for moment in rule]


def ical_rrule(series):
    """The RRULE of the series as a dict for icalendar's vRecur, or None for explicit dates.
    UNTIL is the end of the last date in UTC, as RFC 5545 requires when DTSTART has a TZID."""
    if series.frequency == Frequency.DATES:
        return None
    if series.frequency == Frequency.WEEKLY:
        days = series.weekdays or [series.first_date.weekday()]
        recur = {"FREQ": "WEEKLY", "BYDAY": [ICAL_DAYS[d] for d in days]}
    else:
        recur = {
            "FREQ": "MONTHLY",
            "BYDAY": [f"{series.week_of_month}{ICAL_DAYS[series.monthly_weekday]}"],
        }
    if series.last_date:
        local_end = dt.datetime.combine(series.last_date, dt.time(23, 59, 59))
        zone = get_zone(series.time_zone)
        recur["UNTIL"] = local_end.replace(tzinfo=zone).astimezone(dt.UTC)
    return recur


def aware(date, time, zone_name):
    """A wall-clock date and time in an IANA zone, as an aware datetime."""
    return dt.datetime.combine(date, time).replace(tzinfo=get_zone(zone_name))
