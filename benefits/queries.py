"""Public query helpers for offers and promos. Composers (the home page, a local's page) call
these; templates never walk the tree. Every helper takes `now` so tests can freeze the clock;
left as None it is this moment, compared inside the SQL, so a closed offer or an ended promo
drops out on the next request without anyone touching it. The benefit index's own listing
runs `benefits.offers`, which these helpers share."""

from django.db.models import F, Q

from opeiu_site.core import cache_tags
from opeiu_site.core.queries import live_public
from opeiu_site.core.sections import international

from .models import BenefitPage, Promo
from .offers import not_closed, now_or, opened, with_status


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


def open_offers(section, limit=3, now=None):
    """Up to `limit` offers of `section` that are open now, those closing soonest first."""
    now = now_or(now)
    offers = (
        section_offers(section)
        .filter(opened(now), not_closed(now))
        .order_by(F("closes_at").asc(nulls_last=True), "-first_published_at", "pk")
    )
    return with_status(offers[:limit] if limit else offers, now)


def active_promos(placement="home", now=None, limit=None):
    """Promos for `placement` whose schedule covers `now`, highest priority first."""
    now = now_or(now)
    cache_tags.add(cache_tags.promos(placement))
    promos = (
        Promo.objects.filter(
            Q(ends_at__isnull=True) | Q(ends_at__gt=now), placement=placement, starts_at__lte=now
        )
        .select_related("image")
        .prefetch_related("image__renditions")
    )
    return list(promos[:limit] if limit else promos)
