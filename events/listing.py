"""What a calendar page shows, without a query: the filters its query string asks for, whose
events it lists (its own, or its whole section's), and the weeks of its month view."""

import calendar as pycalendar
import datetime as dt
import re
from collections import defaultdict

from django.http import Http404
from django.utils import timezone

from .choices import AttendanceMode, Kind

MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")


def parse_filters(calendar_page, params):
    """Validated filters from the query string; any unknown value is a 404, never a 500."""
    filters = {"mode": "", "kind": "", "scope": "", "month": None}
    mode = params.get("mode", "")
    if mode and mode not in AttendanceMode.values:
        raise Http404("Unknown attendance mode")
    kind = params.get("kind", "")
    if kind and kind not in Kind.values:
        raise Http404("Unknown kind")
    scope = params.get("scope", "")
    if scope and scope not in ("own", "all"):
        raise Http404("Unknown scope")
    month = params.get("month", "")
    if month:
        match = MONTH_RE.match(month)
        if not match:
            raise Http404("Bad month")
        year, number = int(match.group(1)), int(match.group(2))
        if not (1900 <= year <= 2999 and 1 <= number <= 12):
            raise Http404("Bad month")
        filters["month"] = dt.date(year, number, 1)
    filters.update(mode=mode, kind=kind, scope=scope)
    return filters


def effective_scope(calendar_page, filters):
    if filters["scope"]:
        return filters["scope"]
    return "all" if calendar_page.include_sub_sections else "own"


def month_grid(first, items, closure_dates, today=None):
    """Weeks (Sunday first, as US calendars are) of day cells with their occurrences."""
    today = today or timezone.localdate()
    by_day = defaultdict(list)
    for item in items:
        by_day[item.local_date].append(item)
    weeks = []
    for week in pycalendar.Calendar(firstweekday=6).monthdatescalendar(first.year, first.month):
        weeks.append(
            [
                {
                    "date": day,
                    "in_month": day.month == first.month,
                    "today": day == today,
                    "items": by_day.get(day, []) if day.month == first.month else [],
                    "closure": closure_dates.get(day, "") if day.month == first.month else "",
                }
                for day in week
            ]
        )
    return weeks
