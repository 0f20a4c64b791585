"""Repeat rules (RRULE) an import accepts: every part within its RFC 5545 range and within
bounds that keep the work finite, checked before any rule is expanded. What the site's series
cannot hold (more than one meeting a day) is told in the plan, not here (planning.py)."""

import calendar
import datetime as dt
import re

from dateutil.rrule import rrulestr

from ..recurrence import FIRST_YEAR, ICAL_DAYS, LAST_YEAR, in_range
from .errors import ImportFileError

FREQUENCIES = {"SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"}
SUB_DAILY = {"SECONDLY", "MINUTELY", "HOURLY"}
MAX_COUNT = 10_000
MAX_INTERVAL = 1_000
# (lowest, highest) of each BY part's numbers; zero is never one of them where ranges are signed.
RANGES = {
    "BYSECOND": (0, 60),
    "BYMINUTE": (0, 59),
    "BYHOUR": (0, 23),
    "BYMONTHDAY": (-31, 31),
    "BYYEARDAY": (-366, 366),
    "BYWEEKNO": (-53, 53),
    "BYMONTH": (1, 12),
    "BYSETPOS": (-366, 366),
}
SIGNED = {"BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYSETPOS"}
BYDAY_RE = re.compile(r"^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$")
KNOWN = {"FREQ", "UNTIL", "COUNT", "INTERVAL", "BYDAY", "WKST", *RANGES}


class RuleError(ValueError):
    pass


def _number(value):
    try:
        return int(value)
    except (TypeError, ValueError) as error:
        raise RuleError from error


def _problem(rule):
    """What is wrong with `rule` (icalendar's dict of lists), or ""."""
    freq = [str(value).upper() for value in rule.get("FREQ", [])]
    if len(freq) != 1 or freq[0] not in FREQUENCIES:
        return "it has no valid FREQ"
    unknown = set(rule) - KNOWN
    if unknown:
        return f"{sorted(unknown)[0]} is not a repeat rule part"
    if "COUNT" in rule and "UNTIL" in rule:
        return "it has both COUNT and UNTIL"
    count = _number(rule.get("COUNT", [1])[0])
    if not 1 <= count <= MAX_COUNT:
        return f"COUNT must be from 1 to {MAX_COUNT:,}"
    interval = _number(rule.get("INTERVAL", [1])[0])
    if not 1 <= interval <= MAX_INTERVAL:
        return f"INTERVAL must be from 1 to {MAX_INTERVAL:,}"
    for name, (low, high) in RANGES.items():
        for value in rule.get(name, []):
            number = _number(value)
            if not low <= number <= high or (name in SIGNED and number == 0):
                return f"{name}={number} is outside its range"
    for day in rule.get("BYDAY", []):
        match = BYDAY_RE.match(str(day).upper())
        if not match or (match.group(1) and not 1 <= abs(int(match.group(1))) <= 53):
            return f"BYDAY={day} is not a weekday"
    for until in rule.get("UNTIL", []):
        if not in_range(until):
            return f"UNTIL is not between {FIRST_YEAR} and {LAST_YEAR}"
    return ""


def check(rule, label):
    """Raise ImportFileError naming what is wrong with the rule of `label`."""
    try:
        problem = _problem(rule)
        if not problem:
            text = ";".join(f"{name}={','.join(map(str, values))}" for name, values in rule.items())
            rrulestr(re.sub(r"UNTIL=[^;]*;?", "", text).rstrip(";"))  # dateutil's own checks
    except (RuleError, ValueError, TypeError, OverflowError):
        problem = "it cannot be read"
    if problem:
        raise ImportFileError(f"The repeat rule (RRULE) of {label} is refused: {problem}.")


def sub_daily(rule):
    """Whether the rule gives more than one date a day (the site's series give one)."""
    freq = str(rule["FREQ"][0]).upper()
    many = any(len(rule.get(name, [])) > 1 for name in ("BYHOUR", "BYMINUTE", "BYSECOND"))
    return freq in SUB_DAILY or many


def _nth_matches(number, day, scope_first, scope_length):
    """Whether `day` is the `number`th (from the end when negative) of its weekday within a
    scope (its month or its year) that starts on `scope_first` and has `scope_length` days."""
    index = (day - scope_first).days
    if number > 0:
        return index // 7 + 1 == number
    return (scope_length - 1 - index) // 7 + 1 == -number


def _passes(day, start, rule, freq, interval):
    months = {int(value) for value in rule.get("BYMONTH", [])}
    if months and day.month not in months:
        return False
    month_length = calendar.monthrange(day.year, day.month)[1]
    month_days = {int(value) for value in rule.get("BYMONTHDAY", [])}
    if month_days and not {day.day, day.day - month_length - 1} & month_days:
        return False
    year_length = 366 if calendar.isleap(day.year) else 365
    year_day = day.timetuple().tm_yday
    year_days = {int(value) for value in rule.get("BYYEARDAY", [])}
    if year_days and not {year_day, year_day - year_length - 1} & year_days:
        return False
    bydays = [BYDAY_RE.match(str(value).upper()).groups() for value in rule.get("BYDAY", [])]
    if bydays:
        ok = False
        for number, name in bydays:
            if ICAL_DAYS.index(name) != day.weekday():
                continue
            if not number or freq not in ("MONTHLY", "YEARLY"):
                ok = True
            elif freq == "MONTHLY" or months:
                ok |= _nth_matches(int(number), day, day.replace(day=1), month_length)
            else:
                ok |= _nth_matches(int(number), day, day.replace(month=1, day=1), year_length)
        if not ok:
            return False
    elif freq == "WEEKLY" and not (month_days or year_days) and day.weekday() != start.weekday():
        return False  # dateutil's implicit weekday: only when no other day filter is given
    if freq == "DAILY":
        return (day - start).days % interval == 0
    if freq == "WEEKLY":
        monday = start - dt.timedelta(days=start.weekday())
        weekstart = str(rule.get("WKST", ["MO"])[0]).upper()
        return interval == 1 or weekstart != "MO" or ((day - monday).days // 7) % interval == 0
    if freq == "MONTHLY":
        return ((day.year - start.year) * 12 + day.month - start.month) % interval == 0
    return (day.year - start.year) % interval == 0


def may_match(rule, start, bound):
    """Whether a day from `start` to `bound` (dates) passes the rule's day filters and falls in
    a period its INTERVAL keeps. dateutil compares UNTIL only with days that pass, so a rule
    that never matches (BYMONTH=2;BYMONTHDAY=30) walks to the year 9999 (seconds to minutes):
    a rule is expanded only when this finds a day. BYSETPOS and BYWEEKNO are not applied here
    (a day found may still be refused by them), so this never says no to a rule that matches."""
    freq = str(rule["FREQ"][0]).upper()
    interval = int(rule.get("INTERVAL", [1])[0])
    day = start
    while day <= bound:
        if _passes(day, start, rule, freq, interval):
            return True
        day += dt.timedelta(days=1)
    return False
