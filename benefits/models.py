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
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, PageManager
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from opeiu_site.core import cache_tags
from opeiu_site.core.blocks import BodyBlock, LinkBlock
from opeiu_site.core.forms import BasePageForm
from opeiu_site.core.listing import paginate_or_404
from opeiu_site.core.models import AbstractCategory, BasePage
from opeiu_site.core.queries import PublicPageQuerySet, live_public
from opeiu_site.core.sections import international

from .listing import PER_PAGE, BenefitFilterForm
from .offers import not_closed, now_or, opened, with_status

# The listing offers and benefit indexes are in (BasePage.listing_kind).
LISTING_KIND = "benefits"

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
    listing_kind = LISTING_KIND

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage", "locals.LocalPage"]
    subpage_types = ["benefits.BenefitPage"]
    template = "benefits/benefit_index_page.html"

    class Meta:
        verbose_name = _("benefit index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.listing_context(request))
        return context

    def listing_context(self, request, now=None):
        """The listing: current offers or the archive (`show`), filtered by category."""
        now = now_or(now)
        categories = BenefitCategory.objects.all()
        shown = list(categories)  # the filter's links; spares the lookup
        form = BenefitFilterForm(request.GET, categories=categories, known=shown)
        filters = form.cleaned_or_404()
        show, category = filters["show"] or "current", filters["category"]
        if show == "closed":
            offers = BenefitPage.objects.closed_of(self, now=now, category=category)
        else:
            offers = BenefitPage.objects.current_of(self, now=now, category=category)
        page_obj = paginate_or_404(request, offers, PER_PAGE)
        return {
            "offers": with_status(page_obj.object_list, now),
            "page_obj": page_obj,
            "show": show,
            "categories": shown,
            "current_category": category,
            "now": now,
        }


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

    listing_kind = LISTING_KIND

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


def _two_levels_below(section):
    """The section's offers: under its benefit index, itself a child of the section."""
    return Q(path__startswith=section.path, depth=section.depth + 2)


class BenefitPageQuerySet(PublicPageQuerySet):
    """BenefitPage.objects: the queries about offers, as methods (Wagtail's way). `now` left as
    None is this moment (benefits.offers)."""

    def _of_index(self, index, category):
        cache_tags.add(cache_tags.children(index))
        offers = self.filter(live_public(passed=index)).child_of(index)
        if category is not None:
            offers = offers.filter(category=category)
        return offers.select_related("category")

    def current_of(self, index, now=None, category=None):
        """The offers under `index` that have not closed: open ones first (closing soonest
        first), then those that open later."""
        now = now_or(now)
        upcoming = Case(
            When(opens_at__gt=now, then=Value(1)), default=Value(0), output_field=IntegerField()
        )
        return (
            self._of_index(index, category)
            .filter(not_closed(now))
            .alias(upcoming=upcoming)
            .order_by("upcoming", F("closes_at").asc(nulls_last=True), "title", "pk")
        )

    def closed_of(self, index, now=None, category=None):
        """The archive: the offers under `index` whose window has closed, latest first."""
        now = now_or(now)
        return (
            self._of_index(index, category).filter(closes_at__lte=now).order_by("-closes_at", "pk")
        )

    def of_section(self, section):
        """Live, public offers of one section (the International's home page or a local's page).

        Offers sit under the section's benefit index, a direct child of the section root, so
        they are exactly two levels down; a local's offers, deeper in the tree, are not included
        in the International's list, but a local's list includes the International's offers."""
        kind = self.model.listing_kind
        cache_tags.add(cache_tags.listing(kind, section), f"{kind}-{cache_tags.INTERNATIONAL}")
        # Offers the International negotiated are open to every local's members, so a local's
        # section also lists the offers of the outermost section it sits in (the International).
        outermost = international(section) or section
        return self.filter(
            live_public(passed=section), _two_levels_below(section) | _two_levels_below(outermost)
        ).select_related("category")

    def open_now(self, now=None):
        """The offers open at `now`, those closing soonest first."""
        now = now_or(now)
        return self.filter(opened(now), not_closed(now)).order_by(
            F("closes_at").asc(nulls_last=True), "-first_published_at", "pk"
        )


BenefitPageManager = PageManager.from_queryset(BenefitPageQuerySet)


class BenefitPage(AbstractBenefitPage):
    search_type_label = _("Member benefit")
    objects = BenefitPageManager()  # current_of(), closed_of(), of_section(), open_now()
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


class PromoQuerySet(models.QuerySet):
    def active(self, placement="home", now=None):
        """Promos for `placement` whose schedule covers `now`, highest priority first (declares
        the placement's tag)."""
        now = now_or(now)
        cache_tags.add(cache_tags.promos(placement))
        return (
            self.filter(
                Q(ends_at__isnull=True) | Q(ends_at__gt=now),
                placement=placement,
                starts_at__lte=now,
            )
            .select_related("image")
            .prefetch_related("image__renditions")
        )


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

    objects = PromoQuerySet.as_manager()  # active()

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
