"""Office closures as rules, computed for any year.

A rule is any object with the attributes of `ClosureRule` (name, kind, month, day, weekday,
week, offset_days, observed, reference). Rules are computed in dependency order: fixed,
weekday and Easter rules first, then rules relative to another closure, then "last working
day before" rules, which skip weekends and every other closure (so the day before an
observed Christmas on Friday the 24th is Thursday the 23rd)."""

import datetime as dt

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta
from dateutil.relativedelta import weekday as rd_weekday

from .choices import ClosureKind


def _observed(day):
    """US federal practice: Saturday holidays are observed on Friday, Sunday ones on Monday."""
    if day.weekday() == 5:
        return day - dt.timedelta(days=1)
    if day.weekday() == 6:
        return day + dt.timedelta(days=1)
    return day


def _nth_weekday(year, month, weekday, week):
    first = dt.date(year, month, 1)
    if week > 0:
        return first + relativedelta(weekday=rd_weekday(weekday)(week))
    return first + relativedelta(day=31, weekday=rd_weekday(weekday)(-1))


def _safe_date(year, month, day):
    try:
        return dt.date(year, month, day)
    except (TypeError, ValueError):
        return None


def _base_date(rule, year):
    if rule.kind == ClosureKind.FIXED:
        day = _safe_date(year, rule.month, rule.day)
        if day is not None and rule.observed:
            day = _observed(day)
        return day
    if rule.kind == ClosureKind.NTH_WEEKDAY:
        if rule.month is None or rule.weekday is None or not rule.week:
            return None
        return _nth_weekday(year, rule.month, rule.weekday, rule.week)
    if rule.kind == ClosureKind.EASTER:
        return easter(year) + dt.timedelta(days=rule.offset_days or 0)
    return None


def closures_for_year(rules, year):
    """[(date, name)] of the rules in `year`, sorted; dates computed from `year`'s holidays
    (an observed New Year's Day may fall on December 31 of the year before)."""
    rules = list(rules)
    found = {}
    for rule in rules:
        day = _base_date(rule, year)
        if day is not None:
            found[rule.name] = day
    for rule in rules:
        if rule.kind == ClosureKind.RELATIVE:
            target = found.get((rule.reference or "").strip())
            if target is not None:
                found[rule.name] = target + dt.timedelta(days=rule.offset_days or 0)
    return found


def _working_day_before(target, closed):
    day = target - dt.timedelta(days=1)
    while day.weekday() >= 5 or day in closed:
        day -= dt.timedelta(days=1)
    return day


def compute_with_rule_year(rules, years):
    """[(date, name, rule year)] for every closure whose date falls in one of `years`, sorted
    by date. The rule year tells apart two closures of one rule in one calendar year (New
    Year's Day 2022, a Saturday, is observed on December 31, 2021)."""
    rules = list(rules)
    years = sorted(set(years))
    if not years:
        return []
    by_year = {y: closures_for_year(rules, y) for y in range(years[0] - 1, years[-1] + 2)}
    closed = {day for found in by_year.values() for day in found.values()}
    result = set()
    for year, found in by_year.items():
        for name, day in found.items():
            result.add((day, name, year))
        for rule in rules:
            if rule.kind != ClosureKind.LAST_WORKING_DAY_BEFORE:
                continue
            target = _safe_date(year, rule.month, rule.day)
            if target is None:
                continue
            result.add((_working_day_before(target, closed), rule.name, year))
    wanted = set(years)
    return sorted(item for item in result if item[0].year in wanted)


def compute(rules, years):
    """[(date, name)] for every closure whose date falls in one of `years`, sorted by date."""
    return sorted({(day, name) for day, name, _ in compute_with_rule_year(rules, years)})


def ahead(rules, today, days=365):
    """[(date, name)] of the closures from `today` for `days`, sorted by date."""
    until = today + dt.timedelta(days=days)
    found = compute(rules, range(today.year, until.year + 1))
    return [(day, name) for day, name in found if today <= day < until]


def closure_map(rules, years):
    """{date: name} for quick look-ups when flagging meetings."""
    return dict(compute(rules, years))
