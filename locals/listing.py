"""Queries for the locals directory, and the filter form that feeds them.

Plain ORM filtering (no search backend) so "12", "Duluth" and "Minnesota" behave the same on
SQLite and PostgreSQL, and every listing costs a constant number of queries.

This module sits below the page classes (LocalIndexPage calls it): it imports none, the caller
hands in the LocalPage class (`local_model`).
"""

import re

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from opeiu_site.core import cache_tags
from opeiu_site.core.listing import FilterForm
from opeiu_site.core.queries import live_public

from .choices import LocalKind
from .regions import REGION_NAMES, Country, region_codes_matching

# Only what the directory shows; the rest of a LocalPage stays in the database.
DIRECTORY_FIELDS = [
    "id",
    "title",
    "url_path",
    "path",
    "depth",
    "number",
    "kind",
    "name",
    "city",
    "state_province",
    "country",
    "listing_summary",
]

_LABELLED_NUMBER = re.compile(r"^\s*(?:(local|guild)\s*)?#?\s*(\d{1,6})\s*$", re.IGNORECASE)


class DirectoryFilterForm(FilterForm):
    """The directory's GET form; also validates hand-edited query strings."""

    q = forms.CharField(label=_("Number, name or place"), required=False, max_length=100)
    state = forms.ChoiceField(label=_("State or province"), required=False)
    country = forms.ChoiceField(
        label=_("Country"), required=False, choices=[("", _("All"))] + Country.choices
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All"))] + LocalKind.choices
    )

    def __init__(self, *args, regions=(), **kwargs):
        super().__init__(*args, **kwargs)
        # Offer the regions that have a local, but accept any real code in a shared link.
        offered = [(code, REGION_NAMES[code]) for code in regions if code in REGION_NAMES]
        offered.sort(key=lambda item: item[1])
        self.fields["state"].choices = [("", _("All"))] + offered
        self.fields["state"].valid_value = lambda value: value in REGION_NAMES

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].split())


def _search(text):
    """Match a number ("12", "Local 12", "#12"), a state ("MN", "Minnesota"), or words found in
    the title, full name, city or areas served."""
    labelled = _LABELLED_NUMBER.match(text)
    if labelled:
        kind, number = labelled.groups()
        query = Q(number=int(number))
        return query & Q(kind=kind.lower()) if kind else query
    query = (
        Q(title__icontains=text)
        | Q(name__icontains=text)
        | Q(city__icontains=text)
        | Q(areas_served__icontains=text)
    )
    codes = region_codes_matching(text)
    if codes:
        query |= Q(state_province__in=codes)
    return query


def _directory_tag(index_page):
    # Every local anywhere: the listing of the locals under the site's tree.
    return cache_tags.children(index_page) if index_page is not None else "locals-all"


def directory(index_page=None, q="", state="", country="", kind="", *, local_model):
    """Live locals (pages of `local_model`, LocalPage; under `index_page` if given), ordered
    by number, filtered as asked.

    One query, however many locals there are; the items are LocalPage instances carrying only
    DIRECTORY_FIELDS (enough for `pageurl` and the listing).
    """
    locals_ = local_model.objects.filter(live_public(passed=index_page))
    cache_tags.add(_directory_tag(index_page))
    if index_page is not None:
        locals_ = locals_.child_of(index_page)
    if q:
        locals_ = locals_.filter(_search(q))
    if state:
        locals_ = locals_.filter(state_province=state)
    if country:
        locals_ = locals_.filter(country=country)
    if kind:
        locals_ = locals_.filter(kind=kind)
    return locals_.only(*DIRECTORY_FIELDS).order_by("number", "kind")


def regions_in_use(index_page=None, *, local_model):
    """Codes of the states and provinces that have at least one live, public local (a page of
    `local_model`, LocalPage; one query)."""
    locals_ = local_model.objects.filter(live_public(passed=index_page))
    cache_tags.add(_directory_tag(index_page))
    if index_page is not None:
        locals_ = locals_.child_of(index_page)
    return sorted(set(locals_.exclude(state_province="").values_list("state_province", flat=True)))
