"""Site search at /search/: Wagtail's database backend over the live, public pages of the
current site, with editors' promotions first, a filter by page type and pagination. Its query
string is read like every listing's (core.listing): `SearchForm`, a FilterForm, and
`page_or_404`; a type that is not one of the filterable types, or a page number that is not
one or is past the end, is a 404. The search words are taken as typed (control characters
included) and cleaned by `clean_query`: no words a visitor types make the page fail.

What a page type shows in search is part of its contract on BasePage (core.models), where
each attribute is documented; no import of this module is needed:
- `search_result_date`: the date or datetime shown beside the result (BasePage: the page's
  `date` field if it has one; a contract: its effective date); None shows no date.
- `summary_text`: the summary shown under the title.
- `search_type_filter = False` keeps a type out of the "type" filter (the home page and section
  index pages); its pages are still found. Every other BasePage type appears in the filter as
  soon as the site has a live page of that type, labelled with its `search_type_label` (a
  plain word for visitors), else the model's verbose_name.
"""

import datetime
import logging

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.validators import ProhibitNullCharactersValidator
from django.db import DatabaseError, transaction
from django.db.models import Exists, OuterRef
from django.shortcuts import render
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page, get_page_models
from wagtail.search.utils import normalise_query_string

from contracts.queries import document_matches
from opeiu_site.core import page_tree
from opeiu_site.core.listing import (
    MAX_QUERY_LENGTH,
    MAX_QUERY_TERMS,
    FilterForm,
    clean_query,
    page_or_404,
    query_was_cut,
)
from opeiu_site.core.models import BasePage
from opeiu_site.core.queries import live_public

logger = logging.getLogger(__name__)

RESULTS_PER_PAGE = 10


class TypedWordsField(forms.CharField):
    """What the visitor typed, as typed: never an invalid value (a null byte included; the
    search cleans the words with `clean_query`, promotions match them as typed)."""

    def __init__(self, **kwargs):
        super().__init__(strip=False, **kwargs)
        self.validators = [
            validator
            for validator in self.validators
            if not isinstance(validator, ProhibitNullCharactersValidator)
        ]


class SearchForm(FilterForm):
    """The search's query string: the words (`q`) and one of the filterable types (`type`,
    "app_label.model"; anything else is a 404)."""

    q = TypedWordsField()
    type = forms.ChoiceField()

    def __init__(self, params, *, types):
        super().__init__(params)
        self.fields["type"].choices = [("", "")] + [(key, key) for key in types]


def filterable_types():
    """{type key: page model} for every page model a visitor may filter by (the whitelist)."""
    return {
        model._meta.label_lower: model
        for model in get_page_models()
        if issubclass(model, BasePage) and model.search_type_filter
    }


def type_label(model):
    """The plain name of a page type for visitors (`search_type_label`, else verbose_name)."""
    own = model.search_type_label if issubclass(model, BasePage) else None
    label = own or model._meta.verbose_name
    return str(label)[:1].upper() + str(label)[1:]


def result_date(page):
    """The date shown with a result: its type's `search_result_date` (BasePage)."""
    value = page.search_result_date if isinstance(page, BasePage) else None
    return value if isinstance(value, datetime.date) else None


def _type_options(site_pages, types):
    """(key, label) for the whitelisted types that have a live page on this site: one query
    returning one row per page type (not per page), whatever the size of the site."""
    present = set(site_pages.order_by().values_list("content_type_id", flat=True).distinct())
    options = [
        (key, type_label(model))
        for key, model in types.items()
        if ContentType.objects.get_for_model(model).pk in present
    ]
    return sorted(options, key=lambda option: option[1])


def _promotions(raw_query, site_pages):
    """Editors' picks for this query: pages among `site_pages` (the site's live, public pages)
    and external links, in one query.

    Matched on the query as typed (normalised the way Wagtail stores it), so a promotion for
    "covid-19" works; control characters go first (PostgreSQL rejects null bytes).
    """
    printable = "".join(char for char in raw_query[:MAX_QUERY_LENGTH] if char.isprintable())
    picks = (
        SearchPromotion.objects.filter(query__query_string=normalise_query_string(printable))
        .annotate(page_shown=Exists(site_pages.filter(pk=OuterRef("page_id"))))
        .select_related("page", *_specific_paths("page__"))
        .order_by("sort_order")
    )
    promoted = []
    for pick in picks:
        if pick.page_id and pick.page_shown:
            promoted.append({**_result(_specific(pick.page)), "description": pick.description})
        elif pick.external_link_url:
            promoted.append({"pick": pick, "description": pick.description})
    return promoted


def _link_path(model):
    """The select_related path from Page down to a page model's own row: "newspage", or
    "parentpage__childpage" for a model that extends another concrete page model."""
    names = []
    while model is not Page:
        parent, link = next(iter(model._meta.parents.items()))
        names.append(link.related_query_name())
        model = parent
    return "__".join(reversed(names))


def _specific_paths(prefix=""):
    """select_related paths from a page (reached through `prefix`) to the row of every page
    type: the results come with their specific fields in the query that finds them, where
    Wagtail's `.specific()` runs one more query per page type among them."""
    return [prefix + _link_path(model) for model in get_page_models() if model is not Page]


def _specific(page):
    """The specific instance of a page fetched with `_specific_paths()` (no query)."""
    model = page.specific_class
    if model is None or model is Page:
        return page
    for name in _link_path(model).split("__"):
        page = getattr(page, name)
    return page


def _result(page):
    return {
        "page": page,
        "type": type_label(type(page)),
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
    types = filterable_types()
    filters = SearchForm(request.GET, types=types).cleaned_or_404()  # an unknown type: 404
    raw_query, selected_type = filters["q"], filters["type"]
    query = clean_query(raw_query)

    # live_public(): the restrictions in the query itself (Wagtail's .public() adds a query).
    site_pages = Page.objects.filter(live_public()).in_site(site) if site else Page.objects.none()
    context = {
        "query": query,
        "query_cut": bool(query) and query_was_cut(raw_query, query),
        "max_query_terms": MAX_QUERY_TERMS,
        "max_query_length": MAX_QUERY_LENGTH,
        "raw_query": raw_query[:MAX_QUERY_LENGTH],
        "selected_type": selected_type,
        "type_options": _type_options(site_pages, types) if site else [],
        "promotions": [],
        "results": None,
        "result_items": [],
        "noindex": True,
    }
    if query and site:
        # The search backend accepts only plain filters on indexed fields: the site's live,
        # public pages come in as a subquery on the id.
        pages = Page.objects.filter(pk__in=site_pages.values("pk"))
        pages = pages.type(types[selected_type]) if selected_type else pages
        pages = pages.select_related(*_specific_paths())
        try:
            # A savepoint: a backend that rejects a query must not break the request.
            with transaction.atomic():
                results = page_or_404(
                    pages.search(query), RESULTS_PER_PAGE, request.GET.get("page", "")
                )
                items = [_specific(page) for page in results]
        except DatabaseError:
            logger.warning("search failed for %r", query, exc_info=True)
            results, items = None, []
        paginator = results.paginator if results is not None else None
        first_page = results is not None and results.number == 1
        promotions = _promotions(raw_query, site_pages) if first_page and not selected_type else []
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
