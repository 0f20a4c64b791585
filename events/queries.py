"""Public query helpers for composers (the home page, a local's page).

`section` is a section root page: the International's HomePage or a LocalPage. Each helper
looks only at that section's own calendar(s), i.e. the EventIndexPage children of the section,
and runs a fixed number of queries."""

from django.utils import timezone

from opeiu_site.core import cache_tags
from opeiu_site.core.queries import live_public

from . import closures as closure_rules
from . import listing
from .models import ClosureRule, EventIndexPage, Occurrence


def calendar(section):
    """The section's (first live, public) calendar page, or None."""
    calendars = EventIndexPage.objects.child_of(section).filter(live_public(passed=section))
    cache_tags.add(cache_tags.listing("events", section))
    return calendars.order_by("path").first()


def _own(section):
    cache_tags.add(cache_tags.listing("events", section))
    return Occurrence.objects.filter(
        live_public("page__", passed=section), section_id=section.pk
    ).select_related("page", "venue")


def upcoming(section, limit=5):
    """The next `limit` occurrences (cancelled ones included, flagged) of the section."""
    items = list(listing.upcoming(_own(section))[:limit])
    return listing.flag_closures(items)


def past(section, limit=5):
    """The latest `limit` past occurrences of the section, most recent first."""
    items = list(listing.past(_own(section))[:limit])
    return listing.flag_closures(items)


def closures(section, years=None):
    """[(date, name), ...] of the section's office closures in `years` (default: this year and
    next), sorted by date."""
    if years is None:
        this_year = timezone.localdate().year
        years = [this_year, this_year + 1]
    cache_tags.add(cache_tags.listing("events", section))
    rules = ClosureRule.objects.filter(
        page__in=EventIndexPage.objects.child_of(section).filter(live_public(passed=section))
    ).order_by("page__path", "sort_order")
    return closure_rules.compute(rules, list(years))
