"""The offers of one benefit index, current or archived, and their status: the queries the
index's listing runs (benefits.listing).

This module sits below the page classes (BenefitIndexPage calls the listing, which calls it)
and imports no model: the page hands in its offers' queryset (`BenefitPage.objects.all()`).
Every helper takes `now` so tests can freeze the clock; left as None it is this moment,
compared inside the SQL, so a closed offer drops out on the next request without anyone
touching it."""

from django.db.models import Case, F, IntegerField, Q, Value, When
from django.utils import timezone

from opeiu_site.core import cache_tags
from opeiu_site.core.queries import live_public


def now_or(now):
    return now if now is not None else timezone.now()


def not_closed(now):
    return Q(closes_at__isnull=True) | Q(closes_at__gt=now)


def opened(now):
    return Q(opens_at__isnull=True) | Q(opens_at__lte=now)


def with_status(offers, now=None):
    """Evaluate `offers` and set `offer.state` ("open", "ends-soon", "upcoming", "closed")."""
    now = now_or(now)
    offers = list(offers)
    for offer in offers:
        offer.state = offer.status(now)
    return offers


def current_offers(offers, index, now=None, category=None):
    """The `offers` (a queryset of benefit pages) under `index` that have not closed: open
    ones first (closing soonest first), then those that open later. A queryset, for
    pagination."""
    now = now_or(now)
    offers = offers.filter(live_public(passed=index), not_closed(now))
    offers = offers.child_of(index)
    cache_tags.add(cache_tags.children(index))
    if category is not None:
        offers = offers.filter(category=category)
    upcoming = Case(
        When(opens_at__gt=now, then=Value(1)), default=Value(0), output_field=IntegerField()
    )
    return (
        offers.select_related("category")
        .alias(upcoming=upcoming)
        .order_by("upcoming", F("closes_at").asc(nulls_last=True), "title", "pk")
    )


def closed_offers(offers, index, now=None, category=None):
    """The archive: the `offers` under `index` whose window has closed, latest closed first."""
    now = now_or(now)
    offers = offers.filter(live_public(passed=index), closes_at__lte=now)
    offers = offers.child_of(index)
    cache_tags.add(cache_tags.children(index))
    if category is not None:
        offers = offers.filter(category=category)
    return offers.select_related("category").order_by("-closes_at", "pk")
