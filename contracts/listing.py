"""The contracts index and a document library, one page of each: filters from the query string
(anything that names nothing is a 404), search inside the PDFs, pagination. A fixed number of
queries whatever the number of contracts or documents."""

import datetime

from django import forms
from django.core.paginator import InvalidPage, Paginator
from django.db import DatabaseError, transaction
from django.db.models.functions import Substr
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from opeiu_site.core import cache_tags

from .models import ContractPage, ContractStatus, DocumentKind, EmployerPage, LibraryDocumentPage
from .queries import document_matches, public_pages
from .search_terms import clean_query

EXPIRING_DAYS = 90
CONTRACTS_PER_PAGE = 50
DOCUMENTS_PER_PAGE = 30


class ContractFilterForm(forms.Form):
    q = forms.CharField(label=_("Search contracts"), required=False)  # cut by clean_query
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status"))] + ContractStatus.choices
    )
    expiring = forms.ChoiceField(
        label=_("Expiry"),
        required=False,
        choices=[("", _("Any date")), (str(EXPIRING_DAYS), _("Expiring within 90 days"))],
    )
    page = forms.IntegerField(required=False, min_value=1)


def _valid_form(form_class, params):
    form = form_class(params or None)
    if form.is_bound and not form.is_valid():
        raise Http404("Unknown filter")
    return form, (form.cleaned_data if form.is_bound else {})


def _page(paginator, number):
    try:
        return paginator.page(number or 1)
    except InvalidPage as error:
        raise Http404("No such page") from error


class ContractListing:
    def __init__(self, index, params, today=None):
        self.index = index
        self.form, filters = _valid_form(ContractFilterForm, params)
        self.query = clean_query(filters.get("q", ""))
        self.status = filters.get("status", "")
        self.expiring = bool(filters.get("expiring"))
        today = today or timezone.localdate()

        # Wagtail's search backends take only plain field filters: `.public()` for a search.
        contracts = public_pages(ContractPage, searchable=bool(self.query)).descendant_of(index)
        if self.status:
            contracts = contracts.filter(status=self.status)
        if self.expiring:
            contracts = contracts.filter(
                expiry_date__gte=today,
                expiry_date__lte=today + datetime.timedelta(days=EXPIRING_DAYS),
            )
        self.employers = {
            employer.path: employer for employer in public_pages(EmployerPage).child_of(index)
        }
        self.matches = {}
        if self.query:
            self._search(contracts, filters.get("page"))
        else:
            employer_path = Substr("path", 1, Page.steplen * (index.depth + 1))
            contracts = contracts.select_related("unit", "document").order_by(
                employer_path, "unit__sort_order", "-effective_date", "-pk"
            )
            self.paginator = Paginator(contracts, CONTRACTS_PER_PAGE)
            self.page_obj = _page(self.paginator, filters.get("page"))
            self.contracts = list(self.page_obj.object_list)
        for contract in self.contracts:
            contract.employer = self.employers.get(contract.path[: len(index.path) + Page.steplen])
        cache_tags.add(*(f"page-{contract.pk}" for contract in self.contracts))

    def _search(self, contracts, page_number):
        # Only pages in the search index are found; the filters above run as SQL first.
        results = contracts.select_related("unit", "document").search(self.query)
        self.paginator = Paginator(results, CONTRACTS_PER_PAGE)
        try:
            with transaction.atomic():  # a backend that rejects a query must not break the page
                self.page_obj = _page(self.paginator, page_number)
                self.contracts = list(self.page_obj.object_list)
        except DatabaseError:
            self.page_obj, self.contracts = None, []
            return
        self.matches = document_matches(self.contracts, self.query)
        for contract in self.contracts:
            contract.match = self.matches.get(contract.pk)

    @property
    def is_filtered(self):
        return bool(self.query or self.status or self.expiring)

    @property
    def status_label(self):
        return ContractStatus(self.status).label if self.status else ""


class LibraryFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds"))] + DocumentKind.choices
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1900, max_value=2999)
    page = forms.IntegerField(required=False, min_value=1)


class LibraryListing:
    def __init__(self, library, params):
        self.library = library
        self.form, filters = _valid_form(LibraryFilterForm, params)
        self.kind = filters.get("kind", "")
        self.year = filters.get("year")
        documents = public_pages(LibraryDocumentPage).child_of(library)
        self.years = [day.year for day in documents.dates("date", "year", order="DESC")]
        if self.kind:
            documents = documents.filter(kind=self.kind)
        if self.year:
            documents = documents.filter(date__year=self.year)
        documents = documents.select_related("document").order_by("-date", "-pk")
        self.paginator = Paginator(documents, DOCUMENTS_PER_PAGE)
        self.page_obj = _page(self.paginator, filters.get("page"))
        self.documents = list(self.page_obj.object_list)
        cache_tags.add(*(f"page-{document.pk}" for document in self.documents))

    @property
    def is_filtered(self):
        return bool(self.kind or self.year)
