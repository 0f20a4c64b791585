"""A collective bargaining agreement with one employer's unit, its PDF and its ratification."""

import datetime
from urllib.parse import urlencode

from django import forms
from django.db import models
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Page, PageManager
from wagtail.search import index

from opeiu_site.core.forms import BasePageForm
from opeiu_site.core.models import BasePage
from opeiu_site.core.queries import PublicPageQuerySet
from opeiu_site.core.sections import section_of

from .. import sections, wording
from ..choices import ContractStatus, RatificationResult
from ..listing import STEWARDS_PATH
from ..panels import DocumentTextPanel
from ..queries import bargaining_news
from .text import DocumentTextMixin


class ContractQuerySet(PublicPageQuerySet):
    """ContractPage.objects: the queries about contracts, as methods (Wagtail's way)."""

    def of_employer(self, employer):
        """The employer's live, public contracts, newest first, with their units and PDFs."""
        return (
            self.live_public()
            .child_of(employer)
            .select_related("unit", "document")
            .order_by("-effective_date", "-pk")
        )

    def history_of(self, contract):
        """Earlier live, public contracts of the same unit (or employer, without a unit),
        newest first."""
        earlier = self.live_public().sibling_of(contract, inclusive=False)
        if contract.unit_id:
            earlier = earlier.filter(unit_id=contract.unit_id)
        if contract.effective_date:
            earlier = earlier.filter(effective_date__lt=contract.effective_date)
        return earlier.select_related("document").order_by("-effective_date", "-pk")

    def of_index(self, index, searchable=False):
        """The live, public contracts under a contracts index (`searchable`: in the form
        Wagtail's search backends filter on)."""
        return self.live_public(searchable=searchable).descendant_of(index)

    def expiring_within(self, days, today):
        return self.filter(
            expiry_date__gte=today, expiry_date__lte=today + datetime.timedelta(days=days)
        )

    def by_employer(self, index):
        """In the index's order: by employer (tree order of the employers under `index`),
        unit, then newest first; with their units and PDFs."""
        employer_path = Substr("path", 1, Page.steplen * (index.depth + 1))
        return self.select_related("unit", "document").order_by(
            employer_path, "unit__sort_order", "-effective_date", "-pk"
        )


ContractManager = PageManager.from_queryset(ContractQuerySet)


class ContractPageForm(BasePageForm):
    """Only the employer's own units can be chosen; dates and votes must add up."""

    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        employer = parent_page if parent_page is not None else self.instance.get_parent()
        if "unit" in self.fields and employer is not None:
            units = self.fields["unit"].queryset  # all bargaining units
            self.fields["unit"].queryset = units.filter(employer_id=employer.pk)

    def clean(self):
        cleaned = super().clean()
        effective, expiry = cleaned.get("effective_date"), cleaned.get("expiry_date")
        if effective and expiry and expiry <= effective:
            self.add_error("expiry_date", _("The contract must expire after it takes effect."))
        if cleaned.get("ratification_result") and not cleaned.get("ratification_vote_date"):
            self.add_error("ratification_vote_date", _("Give the date of the vote."))
        if cleaned.get("status") == ContractStatus.TENTATIVE and not cleaned.get(
            "ratification_vote_date"
        ):
            self.add_error(
                "ratification_vote_date",
                forms.ValidationError(_("Members need the date of the ratification vote.")),
            )
        return cleaned


class ContractPage(DocumentTextMixin, BasePage):
    """One contract (or tentative agreement). Earlier contracts of the same unit stay published
    as its history."""

    search_type_label = _("Contract")
    listing_kind = sections.LISTING_KIND  # its contracts index and employer page

    unit = models.ForeignKey(
        "contracts.BargainingUnit",  # by name: models.employers imports this module
        verbose_name=_("bargaining unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contracts",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ContractStatus.choices, default=ContractStatus.IN_FORCE
    )
    effective_date = models.DateField(_("effective date"), null=True, blank=True)
    expiry_date = models.DateField(_("expiry date"), null=True, blank=True, db_index=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("contract PDF"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Upload it to your local's collection; its text is made searchable."),
    )
    ratification_vote_date = models.DateField(_("ratification vote"), null=True, blank=True)
    ratification_result = models.CharField(
        _("vote result"), max_length=10, choices=RatificationResult.choices, blank=True
    )
    votes_for = models.PositiveIntegerField(_("votes for"), null=True, blank=True)
    votes_against = models.PositiveIntegerField(_("votes against"), null=True, blank=True)
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("What changed: raises, new language, in brief.")
    )

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("unit"),
                FieldPanel("status"),
                FieldRowPanel([FieldPanel("effective_date"), FieldPanel("expiry_date")]),
            ],
            heading=_("Contract"),
        ),
        FieldPanel("document"),
        DocumentTextPanel(heading=_("Search inside the PDF")),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("ratification_vote_date"), FieldPanel("ratification_result")]
                ),
                FieldRowPanel([FieldPanel("votes_for"), FieldPanel("votes_against")]),
            ],
            heading=_("Ratification"),
        ),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("employer_and_unit"),
        index.SearchField("document_search_text"),
        index.FilterField("status"),
        index.FilterField("expiry_date"),
    ]

    objects = ContractManager()  # of_employer(), history_of(), of_index(), ...

    base_form_class = ContractPageForm
    parent_page_types = ["contracts.EmployerPage"]
    subpage_types = []
    template = "contracts/contract_page.html"

    class Meta:
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")

    @property
    def search_result_date(self):
        return self.effective_date

    @property
    def summary_text(self):
        return self.summary or super().summary_text

    @property
    def ratification_missing(self):
        """Shown as in force or ratified, yet no vote that ratified it is recorded: members
        would read "ratified" on the page's word alone, so the editor is warned."""
        in_force = self.status in (ContractStatus.IN_FORCE, ContractStatus.RATIFIED)
        return in_force and not (
            self.ratification_vote_date and self.ratification_result == RatificationResult.RATIFIED
        )

    def employer_and_unit(self):
        employer = self.get_parent()
        unit = self.unit.name if self.unit_id and self.unit else ""
        return f"{employer.title if employer else ''}\n{unit}"

    def dates_in_words(self, today=None):
        return wording.contract_dates(self, today or timezone.localdate())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        employer = self.get_parent().specific
        context["employer"] = employer
        context["history"] = list(ContractPage.objects.history_of(self))
        # The contract's own section: its ancestors came with the routing query (no query).
        context["news"] = bargaining_news(employer, section_of(self))
        context["dates_in_words"] = self.dates_in_words()
        # Find my steward, on the employer's contracts index (its parent: a page's URL is its
        # parent's plus its slug, so no query), with this employer chosen.
        employer_url = employer.get_url(request) or ""
        if employer_url.endswith(f"/{employer.slug}/"):
            index_url = employer_url[: -len(employer.slug) - 1]
            context["steward_url"] = (
                f"{index_url}{STEWARDS_PATH}?{urlencode({'employer': employer.slug})}"
            )
        sections.declare(self, f"page-{employer.pk}")
        return context
