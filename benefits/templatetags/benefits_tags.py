"""Blocks for the home page and a local's page: a few open offers, and the active promos.

    {% load benefits_tags %}
    {% quick_benefits page %}        up to three open offers of that section
    {% promos "home" %}              the promos scheduled for the International's home page

Both run a fixed number of queries however many offers, promos or links there are.
"""

from django import template
from wagtail.models import Page

from benefits.models import BenefitIndexPage, BenefitPage, Promo
from benefits.offers import now_or, with_status
from opeiu_site.core import cache_tags, page_tree
from opeiu_site.core.queries import live_public
from opeiu_site.core.sections import parent_path

register = template.Library()


def open_offers(section, limit=3, now=None):
    """Up to `limit` (all, with None) offers of `section` that are open now, those closing
    soonest first, each with its `state`."""
    now = now_or(now)
    offers = BenefitPage.objects.of_section(section).open_now(now)
    return with_status(offers[:limit] if limit else offers, now)


@register.inclusion_tag("benefits/includes/quick_benefits.html", takes_context=True)
def quick_benefits(context, section, limit=3):
    offers = open_offers(section, limit=limit)
    index = None
    if offers:
        # Offers sit directly under the section's benefit index: its path is their prefix.
        index_path = parent_path(offers[0])
        index = page_tree.known_live(context.get("request"), index_path, BenefitIndexPage)
        if index is None:
            index = BenefitIndexPage.objects.filter(live_public()).filter(path=index_path).first()
    return {"request": context.get("request"), "offers": offers, "index": index}


def _resolved_links(promos, request):
    """(label, url) pairs for every promo, with all linked pages fetched in one query
    (a StreamField would otherwise fetch each promo's pages separately)."""
    page_ids = {
        item["value"].get("page")
        for promo in promos
        for item in promo.links.raw_data
        if item["value"].get("page")
    }
    pages = page_tree.known_live_by_id(request, page_ids)
    missing = page_ids - pages.keys()
    if missing:
        pages.update(Page.objects.filter(live_public()).in_bulk(missing))
    cache_tags.add(*(cache_tags.page(pk) for pk in page_ids))
    for promo in promos:
        promo.resolved_links = []
        for item in promo.links.raw_data:
            value = item["value"]
            page = pages.get(value.get("page"))
            url = page.get_url(request) if page is not None else value.get("url")
            if url:
                promo.resolved_links.append((value.get("label", ""), url))
    return promos


@register.inclusion_tag("benefits/includes/promos.html", takes_context=True)
def promos(context, placement="home"):
    request = context.get("request")
    promos = list(Promo.objects.active(placement))
    return {"request": request, "promos": _resolved_links(promos, request)}
