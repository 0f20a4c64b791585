"""A section's contracts index: its listing of contracts by employer (filtered, and searched
inside the PDFs too) and "Find my steward" at stewards/. A fixed number of queries whatever the
number of contracts; the queries are methods of the pages' querysets (ContractPage.objects,
EmployerPage.objects), the filter forms are in contracts.listing."""

from django.core.paginator import Paginator
from django.db import DatabaseError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index

from opeiu_site.core import cache_tags
from opeiu_site.core.listing import page_or_404
from opeiu_site.core.models import BasePage
from opeiu_site.core.sections import section_of

from .. import sections
from ..choices import ContractStatus
from ..listing import (
    CONTRACTS_PER_PAGE,
    EXPIRING_DAYS,
    MAX_EMPLOYERS_SHOWN,
    STEWARDS_PATH,
    ContractFilterForm,
    StewardFinderForm,
)
from ..queries import document_matches
from .contract import ContractPage
from .employers import EmployerPage


class ContractIndexPage(RoutablePageMixin, BasePage):
    """A section's contracts: listed by employer, filtered and searched (inside the PDFs too),
    with "Find my steward" at stewards/."""

    section_index = True  # found by its section's composers (core.page_tree)
    listing_kind = sections.LISTING_KIND  # its section's contracts

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage", "locals.LocalPage"]
    subpage_types = ["contracts.EmployerPage"]
    template = "contracts/contract_index_page.html"
    search_type_filter = False

    class Meta:
        verbose_name = _("contracts index")

    @path("")
    def index_route(self, request):
        sections.declare(self)
        listing = ContractListing(self, request.GET)
        return self.render(request, context_overrides={"listing": listing})

    @path(STEWARDS_PATH, name="stewards")
    def stewards_route(self, request):
        sections.declare(self)
        finder = StewardFinder(self, request.GET)
        return self.render(
            request,
            template="contracts/find_my_steward.html",
            context_overrides={"finder": finder},
        )


class ContractListing:
    """One page of the index's contracts: filters from the query string (anything that names
    nothing is a 404), search inside the PDFs, pagination."""

    def __init__(self, index, params, today=None):
        self.index = index
        self.form = ContractFilterForm(params)
        filters = self.form.cleaned_or_404()
        self.query, self.status = filters["q"], filters["status"]
        self.expiring = bool(filters["expiring"])
        today = today or timezone.localdate()

        contracts = ContractPage.objects.of_index(index, searchable=bool(self.query))
        if self.status:
            contracts = contracts.filter(status=self.status)
        if self.expiring:
            contracts = contracts.expiring_within(EXPIRING_DAYS, today)
        self.employers = {
            employer.path: employer for employer in EmployerPage.objects.of_index(index)
        }
        self.matches = {}
        if self.query:
            self._search(contracts, params.get("page", ""))
        else:
            contracts = contracts.by_employer(index)
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


class StewardFinder:
    """Find my steward: a member picks their employer, or types its name, a unit or a city, and
    sees the stewards of that employer (their public contacts only) and the section's office."""

    def __init__(self, index, params):
        self.index = index
        employers = EmployerPage.objects.of_index(index).order_by("title")
        self.employer_options = list(employers.only("id", "title", "slug"))
        self.form = StewardFinderForm(params, employers=self.employer_options)
        filters = self.form.cleaned_or_404()  # an unknown employer is a 404
        self.query, self.employer_slug = filters["q"], filters["employer"]
        self.searched = bool(self.query or self.employer_slug)
        self.employers = self._find(employers) if self.searched else []
        self.section = self._section(index) if self.searched else None
        cache_tags.add(*(f"page-{employer.pk}" for employer in self.employers))

    @staticmethod
    def _section(index):
        """The index's section with its own fields (its contact card): one query, the section
        itself being known from the routing query."""
        section = section_of(index)
        return type(section).objects.get(pk=section.pk)

    def _find(self, employers):
        if self.employer_slug:
            employers = employers.filter(slug=self.employer_slug)
        if self.query:
            employers = employers.matching(self.query)
        return list(employers.with_units_and_stewards()[:MAX_EMPLOYERS_SHOWN])
