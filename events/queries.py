"""Every query the calendar and entry pages, the feeds and the composers (the home page, a
local's page) run, each written once.

This module sits below the page classes (they call it) and above the row models: it imports
the occurrence and closure-rule models, never a page class; where a query is about pages of a
class (the entries of a feed), the page hands in that class's queryset. Each listing is a fixed
number of queries (count + page of rows with venue and page joined, plus one query for the
closure rules of the calendars shown), whatever the number of rows.

`section` is a section root page (core.sections): the International's HomePage or a
LocalPage. The composers' helpers look only at that section's own calendar(s), i.e. the
calendar pages that are children of the section."""

import datetime as dt
from collections import defaultdict

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from opeiu_site.core import cache_tags
from opeiu_site.core.page_tree import section_indexes
from opeiu_site.core.queries import live_public

from . import closures as closure_dates
from .choices import LISTING_KIND, EventStatus
from .models.closure_rule import ClosureRule
from .models.occurrence import Occurrence
from .sections import Calendar

# Calendar listings


def occurrences(calendar_page, filters, under):
    """The live, public occurrences a calendar lists: its own (`under` is its own path), or
    those of every calendar under `under` (its section's path), filtered by attendance mode
    and kind."""
    qs = Occurrence.objects.filter(live_public("page__", passed=calendar_page))
    qs = qs.select_related("page", "venue")
    if under == calendar_page.path:
        qs = qs.filter(calendar_id=calendar_page.pk)
    else:
        qs = qs.filter(calendar_path__startswith=under)
    if filters["mode"]:
        qs = qs.filter(attendance_mode=filters["mode"])
    if filters["kind"]:
        qs = qs.filter(kind=filters["kind"])
    return qs


def upcoming_first(qs, now=None):
    """The occurrences of `qs` that have not ended, soonest first."""
    return qs.filter(end__gte=now or timezone.now()).order_by("start", "pk")


def past_first(qs, now=None):
    """The occurrences of `qs` that have ended, most recent first."""
    return qs.filter(end__lt=now or timezone.now()).order_by("-start", "-pk")


def in_month(qs, first):
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return qs.filter(local_date__gte=first, local_date__lt=following).order_by("start", "pk")


def series_dates(series, limit):
    """The next `limit` occurrences of one series (cancelled ones included), soonest first."""
    return list(
        upcoming_first(Occurrence.objects.filter(page_id=series.pk).select_related("venue"))[:limit]
    )


def draft_series_dates(series, limit, now=None):
    """`series_dates` of a draft (a revision being previewed): its own changes, unsaved
    Occurrence rows, so a moderator's preview shows what publishing would show."""
    now = now or timezone.now()
    horizon = (now + dt.timedelta(days=400)).date()
    changes = list(series.date_changes.all())
    rows = [row for row in series.occurrence_rows(horizon, changes) if row["end"] >= now]
    rows.sort(key=lambda row: row["start"])
    calendar_id = series.get_parent().pk  # closures are the calendar's
    return [
        Occurrence(
            page_id=series.pk,
            calendar_id=calendar_id,
            title=series.title,
            time_zone=series.time_zone,
            **row,
        )
        for row in rows[:limit]
    ]


def in_feed(entries, path_prefix, passed):
    """The live, public entries of `entries` (a queryset of EventPage or MeetingSeriesPage)
    under `path_prefix`, in tree order, for the feed of the calendar `passed`."""
    return (
        entries.filter(live_public(passed=passed), path__startswith=path_prefix)
        .select_related("venue")
        .order_by("path")
    )


# Office closures on listed occurrences


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
    maps = {
        cid: closure_dates.closure_map(rules, years) for cid, rules in rules_by_calendar.items()
    }
    for item in items:
        item.closure = maps.get(item.calendar_id, {}).get(item.local_date, "")
    return items


# A section's calendars, for composers


def calendars(section):
    """The section's live calendar pages in tree order (base `Page` rows, fetched with the
    section's other indexes once per request)."""
    return section_indexes(section, Calendar)


def calendar(section):
    """The section's (first live) calendar page, or None."""
    cache_tags.add(cache_tags.listing(LISTING_KIND, section))
    return next(iter(calendars(section)), None)


def _closure_rules(section):
    """{calendar id: [rules]} of the section's calendars; for the page being served, fetched
    once per request (the upcoming list flags closures with them, the closures block lists
    them)."""
    cached = getattr(section, "_closure_rules", None)
    if cached is None:
        ids = [page.pk for page in calendars(section)]
        cached = {pk: [] for pk in ids}
        if ids:
            for rule in ClosureRule.objects.filter(page_id__in=ids).order_by("sort_order"):
                cached[rule.page_id].append(rule)
        if getattr(section, "_page_tree", None) is not None:  # a request's own instance
            section._closure_rules = cached
    return cached


def _flag_section_closures(section, items):
    rules = _closure_rules(section)
    if any(item.calendar_id not in rules for item in items):
        return flag_closures(items)  # an occurrence of another calendar: fetch all
    return flag_closures(items, rules_by_calendar=rules)


def _own(section):
    cache_tags.add(cache_tags.listing(LISTING_KIND, section))
    return Occurrence.objects.filter(
        live_public("page__", passed=section), section_id=section.pk
    ).select_related("page", "venue")


def upcoming(section, limit=5):
    """The next `limit` occurrences (cancelled ones included, flagged) of the section."""
    return _flag_section_closures(section, list(upcoming_first(_own(section))[:limit]))


def next_of_each(section, limit=8, now=None):
    """The next date that takes place (not cancelled) of each of the section's series and
    events, soonest first: a weekly call does not crowd out the monthly meeting."""
    now = now or timezone.now()
    taking_place = Occurrence.objects.filter(end__gte=now).exclude(status=EventStatus.CANCELLED)
    first_of_its_page = (
        taking_place.filter(page_id=OuterRef("page_id")).order_by("start", "pk").values("pk")[:1]
    )
    items = upcoming_first(_own(section), now).exclude(status=EventStatus.CANCELLED)
    items = items.filter(pk=Subquery(first_of_its_page))
    return _flag_section_closures(section, list(items[:limit]))


def past(section, limit=5):
    """The latest `limit` past occurrences of the section, most recent first."""
    return _flag_section_closures(section, list(past_first(_own(section))[:limit]))


def closures(section, years=None):
    """[(date, name), ...] of the section's office closures in `years` (default: this year and
    next), sorted by date."""
    if years is None:
        this_year = timezone.localdate().year
        years = [this_year, this_year + 1]
    cache_tags.add(cache_tags.listing(LISTING_KIND, section))
    rules = [rule for rules in _closure_rules(section).values() for rule in rules]
    return closure_dates.compute(rules, list(years))


def closures_ahead(section, today, days=365):
    """[(date, name), ...] of the section's office closures from `today` (in the section's
    own zone) for `days`, in date order: what is still to come, never last January's."""
    cache_tags.add(cache_tags.listing(LISTING_KIND, section))
    rules = [rule for rules in _closure_rules(section).values() for rule in rules]
    return closure_dates.ahead(rules, today, days)
