"""The contracts index and a document library, one page of each: filters from the query string
(anything that names nothing is a 404), search inside the PDFs, pagination. A fixed number of
queries whatever the number of contracts or documents.

The pages that show a listing hand in their page classes (the contracts and employers of an
index, the documents of a library): this module imports none, so the page modules import it
without a cycle."""

import datetime

from django import forms
from django.core.paginator import Paginator
from django.db import DatabaseError, transaction
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from opeiu_site.core import cache_tags
from opeiu_site.core.listing import FilterForm, SearchWordsField, WholeNumberField, page_or_404

from .choices import ContractStatus, DocumentKind
from .queries import document_matches, public_pages

EXPIRING_DAYS = 90
CONTRACTS_PER_PAGE = 50
DOCUMENTS_PER_PAGE = 30


class ContractFilterForm(FilterForm):
    q = SearchWordsField(label=_("Search contracts"))
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any status"))] + ContractStatus.choices
    )
    expiring = forms.ChoiceField(
        label=_("Expiry"),
        choices=[("", _("Any date")), (str(EXPIRING_DAYS), _("Expiring within 90 days"))],
    )


class ContractListing:
    def __init__(self, index, params, *, contract_model, employer_model, today=None):
        self.index = index
        self.form = ContractFilterForm(params)
        filters = self.form.cleaned_or_404()
        self.query, self.status = filters["q"], filters["status"]
        self.expiring = bool(filters["expiring"])
        today = today or timezone.localdate()

        # Wagtail's search backends take only plain field filters: `.public()` for a search.
        contracts = public_pages(contract_model, searchable=bool(self.query)).descendant_of(index)
        if self.status:
            contracts = contracts.filter(status=self.status)
        if self.expiring:
            contracts = contracts.filter(
                expiry_date__gte=today,
                expiry_date__lte=today + datetime.timedelta(days=EXPIRING_DAYS),
            )
        self.employers = {
            employer.path: employer for employer in public_pages(employer_model).child_of(index)
        }
        self.matches = {}
        if self.query:
            self._search(contracts, params.get("page", ""))
        else:
            employer_path = Substr("path", 1, Page.steplen * (index.depth + 1))
            contracts = contracts.select_related("unit", "document").order_by(
                employer_path, "unit__sort_order", "-effective_date", "-pk"
            )
            self.page_obj = page_or_404(contracts, CONTRACTS_PER_PAGE, params.get("page", ""))
            self.paginator = self.page_obj.paginator
            self.contracts = list(self.page_obj.object_list)
        for contract in self.contracts:
            contract.employer = self.employers.get(contract.path[: len(index.path) + Page.steplen])
        cache_tags.add(*(f"page-{contract.pk}" for contract in self.contracts))

    def _search(self, contracts, page_number):
        # Only pages in the search index are found; the filters above run as SQL first.
        results = contracts.select_related("unit", "document").search(self.query)
        try:
            with transaction.atomic():  # a backend that rejects a query must not break the page
                self.page_obj = page_or_404(results, CONTRACTS_PER_PAGE, page_number)
                self.paginator = self.page_obj.paginator
                self.contracts = list(self.page_obj.object_list)
        except DatabaseError:
            self.page_obj, self.contracts = None, []
            self.paginator = Paginator([], CONTRACTS_PER_PAGE)  # "0 contracts matching"
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


class LibraryFilterForm(FilterForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", _("All kinds"))] + DocumentKind.choices)
    year = WholeNumberField(label=_("Year"), min_value=1900, max_value=2999)


class LibraryListing:
    def __init__(self, library, params, *, document_model):
        self.library = library
        self.form = LibraryFilterForm(params)
        filters = self.form.cleaned_or_404()
        self.kind, self.year = filters["kind"], filters["year"]
        documents = public_pages(document_model).child_of(library)
        self.years = [day.year for day in documents.dates("date", "year", order="DESC")]
        if self.kind:
            documents = documents.filter(kind=self.kind)
        if self.year:
            documents = documents.filter(date__year=self.year)
        documents = documents.select_related("document").order_by("-date", "-pk")
        self.page_obj = page_or_404(documents, DOCUMENTS_PER_PAGE, params.get("page", ""))
        self.paginator = self.page_obj.paginator
        self.documents = list(self.page_obj.object_list)
        cache_tags.add(*(f"page-{document.pk}" for document in self.documents))

    @property
    def is_filtered(self):
        return bool(self.kind or self.year)
