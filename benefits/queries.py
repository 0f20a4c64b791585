"""Public query helpers for offers and promos. Composers (the home page, a local's page) call
these; templates never walk the tree. Every helper takes `now` so tests can freeze the clock;
left as None it is this moment, compared inside the SQL, so a closed offer or an ended promo
drops out on the next request without anyone touching it."""

from django.db.models import Case, F, IntegerField, Q, Value, When
from django.utils import timezone

from opeiu_site.core import cache_tags
from opeiu_site.core.queries import live_public
from opeiu_site.core.sections import international

from .models import BenefitPage, Promo


def _now(now):
    return now if now is not None else timezone.now()


def _not_closed(now):
    return Q(closes_at__isnull=True) | Q(closes_at__gt=now)


def _opened(now):
    return Q(opens_at__isnull=True) | Q(opens_at__lte=now)


def _two_levels_below(section):
    """The section's offers: under its benefit index, itself a child of the section."""
    return Q(path__startswith=section.path, depth=section.depth + 2)


def section_offers(section):
    """Live, public offers of one section (the International's home page or a local's page).

    Offers sit under the section's benefit index, a direct child of the section root, so they
    are exactly two levels down; a local's offers, deeper in the tree, are not included in
    the International's list, but a local's list includes the International's offers."""
    cache_tags.add(cache_tags.listing("benefits", section), f"benefits-{cache_tags.INTERNATIONAL}")
    # Offers the International negotiated are open to every local's members, so a local's
    # section also lists the offers of the outermost section it sits in (the International).
    outermost = international(section) or section
    offers = BenefitPage.objects.filter(
        live_public(passed=section), _two_levels_below(section) | _two_levels_below(outermost)
    )
    return offers.select_related("category")


def with_status(offers, now=None):
    """Evaluate `offers` and set `offer.state` ("open", "ends-soon", "upcoming", "closed")."""
    now = _now(now)
    offers = list(offers)
    for offer in offers:
        offer.state = offer.status(now)
    return offers


def open_offers(section, limit=3, now=None):
    """Up to `limit` offers of `section` that are open now, those closing soonest first."""
    now = _now(now)
    offers = (
        section_offers(section)
        .filter(_opened(now), _not_closed(now))
        .order_by(F("closes_at").asc(nulls_last=True), "-first_published_at", "pk")
    )
    return with_status(offers[:limit] if limit else offers, now)


def current_offers(index, now=None, category=None):
    """The offers under `index` that have not closed: open ones first (closing soonest
    first), then those that open later. A queryset, for pagination."""
    now = _now(now)
    offers = BenefitPage.objects.filter(live_public(passed=index), _not_closed(now))
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


def closed_offers(index, now=None, category=None):
    """The archive: offers under `index` whose window has closed, latest closed first."""
    now = _now(now)
    offers = BenefitPage.objects.filter(live_public(passed=index), closes_at__lte=now)
    offers = offers.child_of(index)
    cache_tags.add(cache_tags.children(index))
    if category is not None:
        offers = offers.filter(category=category)
    return offers.select_related("category").order_by("-closes_at", "pk")


def active_promos(placement="home", now=None, limit=None):
    """Promos for `placement` whose schedule covers `now`, highest priority first."""
    now = _now(now)
    cache_tags.add(cache_tags.promos(placement))
    promos = (
        Promo.objects.filter(
            Q(ends_at__isnull=True) | Q(ends_at__gt=now), placement=placement, starts_at__lte=now
        )
        .select_related("image")
        .prefetch_related("image__renditions")
    )
    return list(promos[:limit] if limit else promos)
