"""Public query helpers for composers (the home page, a local's page).

`section` is a section root page: the International's HomePage or a LocalPage. Each helper
looks only at that section's own calendar(s), i.e. the EventIndexPage children of the section,
and runs a fixed number of queries."""

from django.utils import timezone

from opeiu_site.core import cache_tags
from opeiu_site.core.page_tree import section_indexes
from opeiu_site.core.queries import live_public

from . import closures as closure_rules
from . import listing
from .models import ClosureRule, EventIndexPage, Occurrence


def calendars(section):
    """The section's live calendar pages in tree order (base `Page` rows, fetched with the
    section's other indexes once per request)."""
    return section_indexes(section, EventIndexPage)


def calendar(section):
    """The section's (first live) calendar page, or None."""
    cache_tags.add(cache_tags.listing("events", section))
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


def _flag_closures(section, items):
    rules = _closure_rules(section)
    if any(item.calendar_id not in rules for item in items):
        return listing.flag_closures(items)  # an occurrence of another calendar: fetch all
    return listing.flag_closures(items, rules_by_calendar=rules)


def _own(section):
    cache_tags.add(cache_tags.listing("events", section))
    return Occurrence.objects.filter(
        live_public("page__", passed=section), section_id=section.pk
    ).select_related("page", "venue")


def upcoming(section, limit=5):
    """The next `limit` occurrences (cancelled ones included, flagged) of the section."""
    items = list(listing.upcoming(_own(section))[:limit])
    return _flag_closures(section, items)


def past(section, limit=5):
    """The latest `limit` past occurrences of the section, most recent first."""
    items = list(listing.past(_own(section))[:limit])
    return _flag_closures(section, items)


def closures(section, years=None):
    """[(date, name), ...] of the section's office closures in `years` (default: this year and
    next), sorted by date."""
    if years is None:
        this_year = timezone.localdate().year
        years = [this_year, this_year + 1]
    cache_tags.add(cache_tags.listing("events", section))
    rules = [rule for rules in _closure_rules(section).values() for rule in rules]
    return closure_rules.compute(rules, list(years))
