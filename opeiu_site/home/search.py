"""Site search at /search/: Wagtail's database backend over the live, public pages of the
current site, with editors' promotions first, a filter by page type and pagination. A page
number that is not one or is past the end is a 404, as in every listing (core.listing).

Conventions content apps can adopt (no import of this module needed):
- `search_result_date`: a date or datetime shown beside the result (e.g. a news post's date, an
  event's start). Without it, a `date` attribute is used; without either, no date is shown.
- `summary_text` (from BasePage): the summary shown under the title.
- `search_type_filter = False` on a page model keeps it out of the "type" filter (the home page
  and section index pages); its pages are still found. Every other BasePage model appears in
  the filter as soon as the site has a live page of that type, labelled with the model's
  verbose_name.
"""

import datetime
import logging

from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, transaction
from django.shortcuts import render
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page, get_page_models
from wagtail.search.utils import normalise_query_string

from contracts.queries import document_matches
from opeiu_site.core import page_tree
from opeiu_site.core.listing import MAX_QUERY_LENGTH, clean_query, page_or_404
from opeiu_site.core.models import BasePage

logger = logging.getLogger(__name__)

RESULTS_PER_PAGE = 10


def filterable_types():
    """{type key: page model} for every page model a visitor may filter by (the whitelist)."""
    return {
        model._meta.label_lower: model
        for model in get_page_models()
        if issubclass(model, BasePage) and getattr(model, "search_type_filter", True)
    }


def result_date(page):
    """The date shown with a result, by the `search_result_date` / `date` convention."""
    value = getattr(page, "search_result_date", None)
    if value is None:
        value = getattr(page, "date", None)
    return value if isinstance(value, datetime.date) else None


def _type_options(site_pages, types):
    """(key, label) for the whitelisted types that have a live page on this site: one query
    returning one row per page type (not per page), whatever the size of the site."""
    present = set(site_pages.order_by().values_list("content_type_id", flat=True).distinct())
    options = [
        (key, str(model._meta.verbose_name).capitalize())
        for key, model in types.items()
        if ContentType.objects.get_for_model(model).pk in present
    ]
    return sorted(options, key=lambda option: option[1])


def _promotions(raw_query, site):
    """Editors' picks for this query on this site, live pages and external links only.

    Matched on the query as typed (normalised the way Wagtail stores it), so a promotion for
    "covid-19" works; control characters go first (PostgreSQL rejects null bytes).
    """
    printable = "".join(char for char in raw_query[:MAX_QUERY_LENGTH] if char.isprintable())
    picks = (
        SearchPromotion.objects.filter(query__query_string=normalise_query_string(printable))
        .select_related("page")
        .order_by("sort_order")
    )
    pages = {
        page.pk: page
        for page in Page.objects.live()
        .public()
        .in_site(site)
        .filter(pk__in=[pick.page_id for pick in picks if pick.page_id])
        .specific()
    }
    promoted = []
    for pick in picks:
        if pick.page_id in pages:
            promoted.append({**_result(pages[pick.page_id]), "description": pick.description})
        elif pick.external_link_url:
            promoted.append({"pick": pick, "description": pick.description})
    return promoted


def _result(page):
    return {
        "page": page,
        "type": str(page._meta.verbose_name).capitalize(),
        "date": result_date(page),
        "summary": getattr(page, "summary_text", "") or page.search_description,
    }


def _with_document_matches(result_items, query):
    """Results whose PDF (a contract, minutes...) contains the query get the page number and
    an excerpt (contracts.queries.document_matches: two queries for the whole page)."""
    matches = document_matches([item["page"] for item in result_items], query)
    for item in result_items:
        item["document_match"] = matches.get(item["page"].pk)
    return result_items


def search(request):
    site = page_tree.find_site(request)  # with the site settings, in one query
    raw_query = request.GET.get("q", "")
    query = clean_query(raw_query)
    types = filterable_types()
    selected_type = request.GET.get("type", "")
    if selected_type not in types:
        selected_type = ""  # unknown or hostile values mean "all types", never an error

    site_pages = Page.objects.live().public().in_site(site) if site else Page.objects.none()
    context = {
        "query": query,
        "raw_query": raw_query[:MAX_QUERY_LENGTH],
        "selected_type": selected_type,
        "type_options": _type_options(site_pages, types) if site else [],
        "promotions": [],
        "results": None,
        "result_items": [],
        "noindex": True,
    }
    if query and site:
        pages = site_pages.type(types[selected_type]) if selected_type else site_pages
        try:
            # A savepoint: a backend that rejects a query must not break the request.
            with transaction.atomic():
                results = page_or_404(
                    pages.specific().search(query), RESULTS_PER_PAGE, request.GET.get("page", "")
                )
                items = list(results)
        except DatabaseError:
            logger.warning("search failed for %r", query, exc_info=True)
            results, items = None, []
        paginator = results.paginator if results is not None else None
        first_page = results is not None and results.number == 1
        promotions = _promotions(raw_query, site) if first_page and not selected_type else []
        promoted_ids = {item["page"].pk for item in promotions if "page" in item}
        context.update(
            results=results,
            paginator=paginator,
            page_range=(
                paginator.get_elided_page_range(results.number, on_each_side=2, on_ends=1)
                if paginator is not None
                else []
            ),
            promotions=promotions,
            result_items=_with_document_matches(
                [_result(page) for page in items if page.pk not in promoted_ids], query
            ),
        )
    response = render(request, "home/search_results.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response
