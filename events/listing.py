"""Calendar listings in SQL: scope, filters, upcoming/past/month, and closure flags.

Every listing is a fixed number of queries (count + page of rows with venue and page joined,
plus one query for the closure rules of the calendars shown), whatever the number of rows."""

import calendar as pycalendar
import datetime as dt
import re
from collections import defaultdict

from django.http import Http404
from django.utils import timezone
from wagtail.models import Page

from opeiu_site.core import cache_tags
from opeiu_site.core.queries import live_public

from . import closures
from .choices import AttendanceMode, Kind
from .models import ClosureRule, Occurrence

MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
STEPLEN = Page.steplen


def section_path(calendar_page):
    """The section root's tree path, without a query (the calendar is its direct child)."""
    return calendar_page.path[:-STEPLEN]


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


def occurrences_for(calendar_page, filters):
    qs = Occurrence.objects.filter(live_public("page__", passed=calendar_page))
    qs = qs.select_related("page", "venue")
    if effective_scope(calendar_page, filters) == "all":
        qs = qs.filter(calendar_path__startswith=section_path(calendar_page))
        cache_tags.add(cache_tags.tree("events", section_path(calendar_page)))
    else:
        qs = qs.filter(calendar_id=calendar_page.pk)
        cache_tags.add(cache_tags.children(calendar_page))
    if filters["mode"]:
        qs = qs.filter(attendance_mode=filters["mode"])
    if filters["kind"]:
        qs = qs.filter(kind=filters["kind"])
    return qs


def upcoming(qs, now=None):
    return qs.filter(end__gte=now or timezone.now()).order_by("start", "pk")


def past(qs, now=None):
    return qs.filter(end__lt=now or timezone.now()).order_by("-start", "-pk")


def in_month(qs, first):
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return qs.filter(local_date__gte=first, local_date__lt=following).order_by("start", "pk")


def closure_rules_by_calendar(calendar_ids):
    rules = defaultdict(list)
    for rule in ClosureRule.objects.filter(page_id__in=set(calendar_ids)):
        rules[rule.page_id].append(rule)
    return rules


def flag_closures(items, rules_by_calendar=None):
    """Set `closure` on each occurrence that falls on its own section's office closure."""
    items = list(items)
    if rules_by_calendar is None:
        rules_by_calendar = closure_rules_by_calendar(item.calendar_id for item in items)
    years = {item.local_date.year for item in items}
    maps = {cid: closures.closure_map(rules, years) for cid, rules in rules_by_calendar.items()}
    for item in items:
        item.closure = maps.get(item.calendar_id, {}).get(item.local_date, "")
    return items


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
