"""Employers and their bargaining units and stewards, under a section's contracts index."""

from django.db import models
from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable, PageManager
from wagtail.search import index

from opeiu_site.core.models import BasePage
from opeiu_site.core.queries import PublicPageQuerySet

from .. import sections
from .contacts import PublishableContact
from .contract import ContractPage


class EmployerQuerySet(PublicPageQuerySet):
    """EmployerPage.objects: the queries about employers, as methods (Wagtail's way)."""

    def of_index(self, index):
        """The live, public employers of a contracts index."""
        return self.live_public().child_of(index)

    def matching(self, query):
        """Employers whose name, a unit, a worksite or a steward's unit or worksite contains
        every word of `query` (matched in a subquery, so each employer comes once)."""
        words = Q()
        for word in query.split():
            words &= (
                Q(title__icontains=word)
                | Q(units__name__icontains=word)
                | Q(units__worksites__icontains=word)
                | Q(stewards__unit_or_worksite__icontains=word)
            )
        return self.filter(pk__in=self.filter(words).values("pk"))

    def with_units_and_stewards(self):
        """Each employer's units and stewards, in their order, in two more queries."""
        return self.prefetch_related(
            Prefetch("units", queryset=BargainingUnit.objects.order_by("sort_order")),
            Prefetch("stewards", queryset=Steward.objects.order_by("sort_order")),
        )


EmployerManager = PageManager.from_queryset(EmployerQuerySet)


class EmployerPage(BasePage):
    """An employer the section bargains with: its units, worksites, stewards and contracts."""

    search_type_label = _("Employer")
    listing_kind = sections.LISTING_KIND  # listed on its section's contracts index

    news_tag = models.SlugField(
        _("news tag"),
        max_length=100,
        blank=True,
        help_text=_(
            "The tag of this employer's bargaining news (e.g. healthpartners): contracts link "
            "the section's news posts carrying it."
        ),
    )
    about = models.TextField(_("about"), blank=True)

    content_panels = BasePage.content_panels + [
        FieldPanel("about"),
        FieldPanel("news_tag"),
        InlinePanel("units", label=_("Bargaining units"), min_num=1),
        InlinePanel(
            "stewards",
            label=_("Stewards"),
            help_text=_(
                "Contact details stay private unless the steward agreed to publish them and "
                "“show publicly” is ticked."
            ),
        ),
    ]
    # Steward contacts are deliberately not indexed: only names and places are searchable.
    search_fields = BasePage.search_fields + [
        index.SearchField("about"),
        index.SearchField("unit_search_text"),
    ]

    objects = EmployerManager()  # of_index(), matching(), with_units_and_stewards()

    parent_page_types = ["contracts.ContractIndexPage"]
    subpage_types = ["contracts.ContractPage"]
    template = "contracts/employer_page.html"

    class Meta:
        verbose_name = _("employer")

    def unit_search_text(self):
        return "\n".join(f"{unit.name}\n{unit.worksites}" for unit in self.units.all())

    def get_context(self, request, *args, **kwargs):
        sections.declare(self)
        context = super().get_context(request, *args, **kwargs)
        context["contracts"] = list(ContractPage.objects.of_employer(self))
        context["units"] = list(self.units.all())
        context["stewards"] = list(self.stewards.all())
        return context


class BargainingUnit(Orderable):
    """A group of workers covered by one contract with the employer."""

    employer = ParentalKey(EmployerPage, on_delete=models.CASCADE, related_name="units")
    name = models.CharField(_("unit name"), max_length=255)
    worksites = models.TextField(
        _("worksites"),
        blank=True,
        help_text=_("One per line: place and city, e.g. “Como Clinic, Saint Paul”."),
    )
    member_count = models.PositiveIntegerField(_("members"), null=True, blank=True)

    panels = [FieldPanel("name"), FieldPanel("worksites"), FieldPanel("member_count")]

    class Meta(Orderable.Meta):
        verbose_name = _("bargaining unit")
        verbose_name_plural = _("bargaining units")

    def __str__(self):
        return self.name

    @property
    def worksite_list(self):
        return [line.strip() for line in self.worksites.splitlines() if line.strip()]


class Steward(PublishableContact, Orderable):
    """A steward of one unit or worksite. Each contact is private unless its switch is on."""

    employer = ParentalKey(EmployerPage, on_delete=models.CASCADE, related_name="stewards")
    name = models.CharField(_("name"), max_length=255)
    unit_or_worksite = models.CharField(
        _("unit or worksite"), max_length=255, blank=True, help_text=_("e.g. “Como Clinic”.")
    )

    # What the steward agreed to show the members of the local on their "My union" page (never
    # a public page): more than the public may see, never less.
    show_email_to_members = models.BooleanField(_("show email to members"), default=False)
    show_phone_to_members = models.BooleanField(_("show phone to members"), default=False)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("unit_or_worksite")]),
        PublishableContact.contact_panel,
        FieldRowPanel(
            [FieldPanel("show_email_to_members"), FieldPanel("show_phone_to_members")],
            heading=_("Shown to signed-in members of the local"),
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("steward")
        verbose_name_plural = _("stewards")

    def __str__(self):
        return self.name

    @property
    def members_email(self):
        """The email a signed-in member of the local sees: the public one, or the one shown to
        members."""
        return self.email if (self.show_email or self.show_email_to_members) else ""

    @property
    def members_phone(self):
        return self.phone if (self.show_phone or self.show_phone_to_members) else ""
