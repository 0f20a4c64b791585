"""Member-benefit offers, their categories, and scheduled promos.

Offers and promos carry plain date fields (opens/closes, starts/ends) that the queries compare
with the current time on every request: an offer whose window has closed leaves the listings by
itself, with no cron job and no editor action. Wagtail's scheduled publishing would also work,
but it needs `publish_scheduled` to run and would make an expired offer vanish (404) instead of
moving to the archive where members can still read what it was.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from opeiu_site.core.blocks import BodyBlock, LinkBlock
from opeiu_site.core.forms import BasePageForm
from opeiu_site.core.models import AbstractCategory, BasePage

from .listing import index_context

# An open offer is flagged "ends soon" this long before it closes.
ENDS_SOON = timedelta(days=14)


def window_error(start, end, end_field):
    """The cross-field check offers and promos share: a window must end after it starts."""
    if start and end and end <= start:
        return {end_field: _("This must be later than the start of the window.")}
    return {}


@register_snippet
class BenefitCategory(AbstractCategory):
    """Legal, Insurance, Phone and internet, Travel, Education, Health ..."""

    class Meta(AbstractCategory.Meta):
        verbose_name = _("benefit category")
        verbose_name_plural = _("benefit categories")


class BenefitIndexPage(BasePage):
    """The list of a section's member benefits: open offers, a category filter, an archive."""

    search_type_filter = False  # a list of offers; the offers are the type to filter by
    search_type_label = _("Member benefits")

    section_index = True  # found by its section's composers (core.page_tree)
    listing_kind = "benefits"

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage", "locals.LocalPage"]
    subpage_types = ["benefits.BenefitPage"]
    template = "benefits/benefit_index_page.html"

    class Meta:
        verbose_name = _("benefit index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            index_context(
                self,
                request,
                offers=BenefitPage.objects.all(),
                categories=BenefitCategory.objects.all(),
            )
        )
        return context


class BenefitPageForm(BasePageForm):
    def clean(self):
        cleaned_data = super().clean()
        opens, closes = cleaned_data.get("opens_at"), cleaned_data.get("closes_at")
        errors = window_error(opens, closes, "closes_at")
        for field, message in errors.items():
            self.add_error(field, message)
        return cleaned_data


class AbstractBenefitPage(BasePage):
    """One offer: who provides it, who may use it, what it costs, when it is open, how to enrol."""

    listing_kind = "benefits"

    provider = models.CharField(_("provider"), max_length=255)
    category = models.ForeignKey(
        BenefitCategory,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    summary = models.TextField(_("summary"), help_text=_("One or two sentences for listings."))
    eligibility = models.TextField(_("who is eligible"), blank=True)
    price = models.CharField(
        _("price"), max_length=255, blank=True, help_text=_('For example "$19.95 per month".')
    )
    opens_at = models.DateTimeField(
        _("offer opens"), null=True, blank=True, help_text=_("Leave empty if open now.")
    )
    closes_at = models.DateTimeField(
        _("offer closes"),
        null=True,
        blank=True,
        help_text=_("The offer leaves the list at this moment. Leave empty if it has no end."),
    )
    terms = models.TextField(_("terms"), blank=True, help_text=_('e.g. "New customers only".'))
    enrol_url = models.URLField(_("enrolment link"), blank=True)
    enrol_phone = models.CharField(_("enrolment phone"), max_length=50, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True, use_json_field=True)

    content_panels = BasePage.content_panels + [
        FieldPanel("provider"),
        FieldPanel("category"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("eligibility"),
                FieldPanel("price"),
                FieldPanel("terms"),
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
            ],
            heading=_("The offer"),
        ),
        MultiFieldPanel(
            [FieldPanel("enrol_url"), FieldPanel("enrol_phone")], heading=_("How to enrol")
        ),
        InlinePanel("documents", heading=_("Documents"), label=_("document")),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("provider"),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("closes_at"),
    ]
    base_form_class = BenefitPageForm

    class Meta:
        abstract = True

    @property
    def summary_text(self):
        return self.listing_summary or self.search_description or self.summary

    def status(self, now=None):
        """ "upcoming", "open", "ends-soon" or "closed" at `now` (default: this moment)."""
        now = now or timezone.now()
        if self.closes_at and self.closes_at <= now:
            return "closed"
        if self.opens_at and self.opens_at > now:
            return "upcoming"
        if self.closes_at and self.closes_at <= now + ENDS_SOON:
            return "ends-soon"
        return "open"


class BenefitPage(AbstractBenefitPage):
    search_type_label = _("Member benefit")
    parent_page_types = ["benefits.BenefitIndexPage"]
    subpage_types = []
    template = "benefits/benefit_page.html"

    class Meta:
        verbose_name = _("benefit offer")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        self.state = self.status()
        context["documents"] = self.documents.select_related("document")
        return context


class BenefitDocument(Orderable):
    """A file that belongs to an offer (a flyer, the plan's terms), shown with type and size."""

    page = ParentalKey(BenefitPage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    label = models.CharField(_("label"), max_length=255, blank=True)

    panels = [FieldPanel("document"), FieldPanel("label")]

    @property
    def display_label(self):
        return self.label or self.document.title


class PromoPlacement(models.TextChoices):
    HOME = "home", _("The International's home page")
    LOCALS = "locals", _("Local pages")
    BENEFITS = "benefits", _("Benefit pages")


@register_snippet
class Promo(models.Model):
    """A scheduled call-out: the app, an action team, a voter drive. Shown from `starts_at`
    until `ends_at` (exclusive), in one placement, without anyone switching it off."""

    title = models.CharField(_("title"), max_length=255)
    text = models.TextField(_("text"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    links = StreamField(
        [("link", LinkBlock())],
        verbose_name=_("links"),
        blank=True,
        max_num=3,
        use_json_field=True,
    )
    placement = models.CharField(
        _("placement"), max_length=20, choices=PromoPlacement, default=PromoPlacement.HOME
    )
    starts_at = models.DateTimeField(_("show from"), default=timezone.now)
    ends_at = models.DateTimeField(
        _("show until"), null=True, blank=True, help_text=_("Leave empty to show it until removed.")
    )
    priority = models.IntegerField(
        _("priority"), default=0, help_text=_("Higher numbers come first.")
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("text"),
        FieldPanel("image"),
        FieldPanel("links"),
        FieldPanel("placement"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("priority"),
    ]

    class Meta:
        ordering = ["-priority", "-starts_at"]
        verbose_name = _("promo")
        verbose_name_plural = _("promos")
        indexes = [models.Index(fields=["placement", "starts_at"])]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        errors = window_error(self.starts_at, self.ends_at, "ends_at")
        if errors:
            raise ValidationError(errors)
