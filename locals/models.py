"""Find your local (the directory) and each local's own page, the root of its subtree.

A local's editors and moderators groups and its media collection are provisioned when the page
is created (see locals.provisioning); `LocalAccess` remembers which ones belong to which local,
so renumbering a local renames them instead of orphaning them.
"""

import re

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import PageManager
from wagtail.search import index

from opeiu_site.core import cache_tags
from opeiu_site.core.blocks import BodyBlock
from opeiu_site.core.forms import BasePageForm
from opeiu_site.core.models import BasePage, phone_numbers_of, social_links_of
from opeiu_site.core.queries import PublicPageQuerySet, live_public
from opeiu_site.core.sections import SectionRoot
from opeiu_site.core.time_zones import validate_time_zone  # also named by migration 0001

from .choices import LocalKind
from .listing import DirectoryFilterForm
from .regions import CA_PROVINCES, REGION_CHOICES, REGION_NAMES, Country, region_codes_matching

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


class LocalPageQuerySet(PublicPageQuerySet):
    """LocalPage.objects: the directory's queries, as methods (Wagtail's way). Plain ORM
    filtering (no search backend) so "12", "Duluth" and "Minnesota" behave the same on SQLite
    and PostgreSQL, and every listing costs a constant number of queries."""

    def in_directory(self, index_page=None):
        """Live, public locals (under `index_page` if given); declares the directory's tag."""
        cache_tags.add(_directory_tag(index_page))
        locals_ = self.filter(live_public(passed=index_page))
        if index_page is not None:
            locals_ = locals_.child_of(index_page)
        return locals_

    def directory(self, index_page=None, q="", state="", country="", kind=""):
        """Live locals (under `index_page` if given), ordered by number, filtered as asked.

        One query, however many locals there are; the items are LocalPage instances carrying
        only DIRECTORY_FIELDS (enough for `pageurl` and the listing).
        """
        locals_ = self.in_directory(index_page)
        if q:
            locals_ = locals_.filter(_search(q))
        if state:
            locals_ = locals_.filter(state_province=state)
        if country:
            locals_ = locals_.filter(country=country)
        if kind:
            locals_ = locals_.filter(kind=kind)
        return locals_.only(*DIRECTORY_FIELDS).order_by("number", "kind")

    def regions_in_use(self, index_page=None):
        """Codes of the states and provinces that have at least one live, public local (one
        query)."""
        codes = self.in_directory(index_page).exclude(state_province="")
        return sorted(set(codes.values_list("state_province", flat=True)))


LocalPageManager = PageManager.from_queryset(LocalPageQuerySet)


class LocalIndexPage(BasePage):
    """Find your local: every local, filtered and searched with a plain GET form."""

    search_type_filter = False  # one page; the locals are the type to filter by
    search_type_label = _("Locals")

    # Found by its section's composers (core.page_tree): the home page's "Find your local".
    section_index = True

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["locals.LocalPage"]
    max_count = 1
    template = "locals/local_index_page.html"

    class Meta:
        verbose_name = _("local directory")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form = DirectoryFilterForm(request.GET, regions=LocalPage.objects.regions_in_use(self))
        # An unknown filter value (a hand-edited or stale link) is "no such listing": a 404.
        context["form"] = form
        context["local_pages"] = LocalPage.objects.directory(self, **form.cleaned_or_404())
        context["is_filtered"] = form.is_filtered
        return context


class LocalPageForm(BasePageForm):
    def clean(self):
        cleaned = super().clean()
        number = cleaned.get("number")
        if number is not None:
            others = LocalPage.objects.filter(number=number)
            if self.instance.pk:
                others = others.exclude(pk=self.instance.pk)
            if others.exists():
                self.add_error("number", _("Another local already has this number."))
        if cleaned.get("state_province") and cleaned.get("country"):
            in_canada = cleaned["state_province"] in CA_PROVINCES
            if in_canada != (cleaned["country"] == Country.CA):
                self.add_error("state_province", _("This is not in the chosen country."))
        return cleaned


class AbstractLocalPage(SectionRoot, BasePage):
    """A local or guild: its facts, its contact card and the root of the pages it maintains."""

    is_local_section = True
    listing_tags = ("locals-all",)  # the locals' directory, wherever the local sits

    number = models.PositiveIntegerField(_("number"), db_index=True)
    kind = models.CharField(
        _("kind"), max_length=10, choices=LocalKind.choices, default=LocalKind.LOCAL
    )
    name = models.CharField(
        _("full name"),
        max_length=255,
        blank=True,
        help_text=_('e.g. "First National Guild of Medical Providers of the Lower Extremity".'),
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    state_province = models.CharField(
        _("state or province"), max_length=2, choices=REGION_CHOICES, blank=True
    )
    country = models.CharField(
        _("country"), max_length=2, choices=Country.choices, default=Country.US
    )
    member_count = models.PositiveIntegerField(
        _("members"), null=True, blank=True, help_text=_("Shown as at least this many: 2,500+.")
    )
    contract_count = models.PositiveIntegerField(_("contracts"), null=True, blank=True)
    areas_served = models.TextField(
        _("areas served"), blank=True, help_text=_("One place per line, e.g. Duluth.")
    )
    motto = models.CharField(_("motto"), max_length=255, blank=True)

    office_address = models.TextField(_("office address"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    phone_alt = models.CharField(_("other phone"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    office_hours = models.TextField(_("office hours"), blank=True)
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="America/New_York",
        validators=[validate_time_zone],
        help_text=_("IANA name, e.g. America/Chicago; meetings and closures use it."),
    )

    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    website_url = models.URLField(
        _("own website"), blank=True, help_text=_("For locals that keep a separate website.")
    )
    facebook_url = models.URLField(_("Facebook"), blank=True)
    x_url = models.URLField(_("X (Twitter)"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)

    about = StreamField(BodyBlock(), verbose_name=_("about"), blank=True, use_json_field=True)

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("kind"), FieldPanel("number")]),
                FieldPanel("name"),
                FieldPanel("motto"),
                FieldPanel("logo"),
            ],
            heading=_("Identity"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("city"), FieldPanel("state_province")]),
                FieldPanel("country"),
                FieldPanel("areas_served"),
                FieldRowPanel([FieldPanel("member_count"), FieldPanel("contract_count")]),
            ],
            heading=_("Where and how many"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("office_address"),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("phone_alt")]),
                FieldPanel("email"),
                FieldPanel("office_hours"),
                FieldPanel("time_zone"),
            ],
            heading=_("Office"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("website_url"),
                FieldPanel("facebook_url"),
                FieldPanel("x_url"),
                FieldPanel("instagram_url"),
                FieldPanel("youtube_url"),
            ],
            heading=_("Online"),
        ),
        FieldPanel("about"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("name"),
        index.SearchField("city"),
        index.SearchField("areas_served"),
        index.FilterField("number"),
    ]
    base_form_class = LocalPageForm

    class Meta:
        abstract = True

    @property
    def label(self):
        """ "Local 12", "Guild 45"."""
        return f"{self.get_kind_display()} {self.number}"

    @property
    def region_name(self):
        return REGION_NAMES.get(self.state_province, "")

    @property
    def areas_list(self):
        return [line.strip() for line in self.areas_served.splitlines() if line.strip()]

    @property
    def phone_numbers(self):
        return phone_numbers_of(self)

    @property
    def social_links(self):
        return social_links_of(self)

    @property
    def members_display(self):
        """Locals publish round figures ("more than 2,500"), so counts read as minimums."""
        return f"{self.member_count:,}+" if self.member_count else ""

    @property
    def contracts_display(self):
        return f"{self.contract_count:,}+" if self.contract_count else ""

    @property
    def place(self):
        """ "Roseville, Minnesota"; falls back to whichever part is known."""
        return ", ".join(part for part in (self.city, self.region_name) if part)

    @property
    def address(self):
        """Lets components/contact_card.html show a local like site settings."""
        return self.office_address


class LocalPage(AbstractLocalPage):
    search_type_label = _("Local")
    objects = LocalPageManager()  # directory(), regions_in_use()
    parent_page_types = ["locals.LocalIndexPage"]
    subpage_types = [
        "home.StandardPage",
        "news.NewsIndexPage",
        "events.EventIndexPage",
        "benefits.BenefitIndexPage",
        "actions.ActionPage",
        "contracts.ContractIndexPage",
        "contracts.DocumentLibraryPage",
        "contracts.OfficersPage",
    ]
    template = "locals/local_page.html"

    class Meta:
        verbose_name = _("local")
        permissions = [("manage_locals", "Can create and delete locals")]  # choices.MANAGE_LOCALS


class LocalAccess(models.Model):
    """The groups and collection provisioned for one local (see locals.provisioning)."""

    local = models.OneToOneField(
        LocalPage, verbose_name=_("local"), on_delete=models.CASCADE, related_name="access"
    )
    editors = models.ForeignKey(
        "auth.Group",
        verbose_name=_("editors group"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    moderators = models.ForeignKey(
        "auth.Group",
        verbose_name=_("moderators group"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    # The local's members: who may open its members-only pages and files (with its staff).
    members = models.ForeignKey(
        "auth.Group",
        verbose_name=_("members group"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    collection = models.ForeignKey(
        "wagtailcore.Collection",
        verbose_name=_("collection"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    workflow = models.ForeignKey(
        "wagtailcore.Workflow",
        verbose_name=_("approval workflow"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("local access")
        verbose_name_plural = _("local access")

    def __str__(self):
        return str(self.local)


class DashboardVisit(models.Model):
    """When a person last looked at their dashboard, so it can say what is new since then.

    `latest` moves with every dashboard view; `previous` is the `latest` of the visit before,
    a visit being dashboard views less than `VISIT_GAP` apart (see locals.admin.visits)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    previous = models.DateTimeField(_("previous visit"), null=True, blank=True)
    latest = models.DateTimeField(_("latest view"))

    class Meta:
        verbose_name = _("dashboard visit")

    def __str__(self):
        return f"{self.user_id} at {self.latest:%Y-%m-%d %H:%M}"
