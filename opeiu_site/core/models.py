"""Site-wide models: the abstract base page every content type extends, the abstract category
snippet, and site settings."""

from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page, PageViewRestriction

from . import cache_tags, page_tree
from .blocks import LinkBlock
from .forms import BasePageForm
from .queries import PublicPageManager


class BasePage(Page):
    """Fields shared by every page: how it looks in listings and when shared.

    Wagtail's own `seo_title` and `search_description` carry the title tag and the meta
    description; these add the listing summary and the image used for cards and social sharing.
    """

    listing_summary = models.TextField(
        _("listing summary"),
        blank=True,
        help_text=_("Shown in listings and search results; falls back to the meta description."),
    )
    social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("social image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown when the page is shared; 1200×630 works best."),
    )

    promote_panels = Page.promote_panels + [
        MultiFieldPanel(
            [FieldPanel("listing_summary"), FieldPanel("social_image")],
            heading=_("Listings and sharing"),
        ),
    ]

    # Checks every reference the editor submits (core.forms); page types' own forms extend it.
    base_form_class = BasePageForm

    # Wagtail's PageManager with core.queries.PublicPageQuerySet: `live_public()`,
    # `in_section(section)`, `listed(kind, section)`, and rows that declare their cache tags.
    objects = PublicPageManager()

    # --- The page type's contract ---------------------------------------------------------
    # What the rest of the site does with a page type is declared here, once, on the class:
    # the listings it is in (and so what its publish purges: ops.invalidation), whether the
    # page cache stores it (ops.page_cache), how search offers it (home.search), whether
    # search engines may index it (core.templatetags.seo_tags) and whether its section's
    # composers find it (core.page_tree). Those modules read these attributes and keep no
    # table of page types of their own; docs/caching.md's table of page types is checked
    # against them (tests/core/test_page_contract.py).

    listing_kind = None
    """The kind of section listing this type is in ("news", "events", "contracts" ...), or
    None. Code that lists pages of a kind for a section declares the cache tag
    `<kind>-<section>` (`cache_tags.listing(kind, section)`), and publishing, unpublishing,
    moving or deleting a page of this type purges that tag of the page's own section. An index
    page has its entries' kind too: its section's page links to it."""

    listing_in_tree = False
    """True when a listing of `listing_kind` may include the sections below its own (the
    International's calendar includes the locals' events; the bargaining news of the
    International's contracts reads the locals' posts too): such a listing declares
    `<kind>-tree-<path>` (`cache_tags.tree`), and a change to a page of this type also purges
    that tag of each of its ancestors' paths."""

    listing_tags = ()
    """Tags of listings that show pages of this type wherever they sit (the locals' directory,
    "locals-all"): purged by each change to one, whatever its section."""

    page_cache = True
    """Whether the page cache and Varnish may store this type's pages for anonymous visitors
    (ops.page_cache). False for a page whose response depends on the visitor (it reads a
    cookie, shows a form with its errors). Form pages are never stored, whatever this says."""

    section_index = False
    """True for a section's index of a kind (news index, calendar, benefits index, contracts
    index ...): the composers of its section (home page, local page) find it through
    `page_tree.section_indexes`."""

    search_type_filter = True
    """Whether the site search offers this type in its "type" filter (home.search). False for
    pages that are one of a kind or a list of others (the home page, an index); their pages are
    still found by search."""

    search_type_label = None
    """What a visitor reads for this type in the search's type filter and beside a result: a
    plain word ("Document"), not the admin's name for the model ("Library document"). None:
    the model's verbose_name."""

    seo_noindex = False
    """True to ask search engines not to index this type's pages (`<meta name="robots">`,
    core.templatetags.seo_tags). A page type may make it a field, for editors to choose."""

    class Meta:
        abstract = True

    @property
    def search_result_date(self):
        """The date (or datetime) search shows beside this page: the page's own `date` field
        when it has one, else none. A type overrides it (a contract: its effective date)."""
        return getattr(self, "date", None)

    @classmethod
    def listing_tags_in(cls, section_key, ancestor_paths):
        """The listing tags a change to a page of this type purges, for a page in the section
        `section_key` ("international", "local-12") below the pages at `ancestor_paths`."""
        tags = set(cls.listing_tags)
        if cls.listing_kind:
            tags.add(f"{cls.listing_kind}-{section_key}")
            if cls.listing_in_tree:
                tags.update(cache_tags.tree(cls.listing_kind, path) for path in ancestor_paths)
        return tags

    def shown_on_pages(self):
        """Ids of the pages that show this one although it is this one that links them (a
        meeting's page lists the agenda naming it): publishing this page purges them too."""
        return []

    @page_tree.routes_only_to_children
    def route(self, request, path_components):
        # Served through `page_tree.route`, the pages along the path are known already.
        tree = getattr(self, "_page_tree", None)
        if tree is None or not path_components:
            return super().route(request, path_components)
        return page_tree.route_below(tree, self, request, path_components)

    def get_view_restrictions(self):
        tree = getattr(self, "_page_tree", None)
        if tree is not None and tree.is_unrestricted(self):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    @property
    def breadcrumb_ancestors(self):
        """The ancestors below the tree root (the site's home first), for breadcrumbs."""
        tree = getattr(self, "_page_tree", None)
        chain = tree.ancestors(self) if tree is not None else None
        if chain is None:
            chain = list(self.get_ancestors())
        return chain[1:]

    @property
    def summary_text(self):
        """The best short description this page has, for listings and meta tags."""
        return self.listing_summary or self.search_description or ""

    @property
    def meta_title(self):
        return self.seo_title or self.title

    @property
    def sharing_image(self):
        """The image for Open Graph and Twitter cards (components/meta.html); page types may
        fall back to another image (a news post's hero)."""
        return self.social_image

    @property
    def sharing_image_alt(self):
        image = self.sharing_image
        return image.default_alt_text if image is not None else ""


SOCIAL_ACCOUNTS = [
    ("Facebook", "facebook_url"),
    ("X (Twitter)", "x_url"),
    ("Instagram", "instagram_url"),
    ("YouTube", "youtube_url"),
    ("LinkedIn", "linkedin_url"),
]


class AbstractCategory(models.Model):
    """A name and a slug: the snippet a listing filters by (news categories, benefit
    categories). Each app keeps its own concrete model, so each list offers its own kinds."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(
        _("slug"), max_length=100, unique=True, help_text=_("Used in the filter's web address.")
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:  # created in code (demo content) with a name only
            self.slug = slugify(self.name)
        super().save(*args, **kwargs)


def social_links_of(obj):
    """(label, url) pairs for the social accounts `obj` (site settings, a local) has filled in;
    accounts the model has no field for are skipped."""
    pairs = ((label, getattr(obj, attribute, "")) for label, attribute in SOCIAL_ACCOUNTS)
    return [(label, url) for label, url in pairs if url]


def phone_numbers_of(obj):
    return [number for number in (obj.phone, obj.phone_alt) if number]


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Contact details, social links and app links of a site (the International, or a local
    served on its own domain)."""

    organisation_name = models.CharField(
        _("organisation name"),
        max_length=255,
        default="Office and Professional Employees International Union",
    )
    short_name = models.CharField(_("short name"), max_length=50, default="OPEIU")
    tagline = models.CharField(_("tagline"), max_length=255, blank=True)
    address = models.TextField(_("postal address"), blank=True)
    phone = models.CharField(_("main phone"), max_length=50, blank=True)
    phone_alt = models.CharField(_("other phone"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)

    facebook_url = models.URLField(_("Facebook"), blank=True)
    x_url = models.URLField(_("X (Twitter)"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    linkedin_url = models.URLField(_("LinkedIn"), blank=True)

    app_store_url = models.URLField(_("App Store link"), blank=True)
    google_play_url = models.URLField(_("Google Play link"), blank=True)

    footer_links = StreamField(
        [("link", LinkBlock())],
        verbose_name=_("footer links"),
        blank=True,
        use_json_field=True,
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("organisation_name"), FieldPanel("short_name"), FieldPanel("tagline")],
            heading=_("Organisation"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("phone"),
                FieldPanel("phone_alt"),
                FieldPanel("email"),
            ],
            heading=_("Contact details"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("facebook_url"),
                FieldPanel("x_url"),
                FieldPanel("instagram_url"),
                FieldPanel("youtube_url"),
                FieldPanel("linkedin_url"),
            ],
            heading=_("Social media"),
        ),
        MultiFieldPanel(
            [FieldPanel("app_store_url"), FieldPanel("google_play_url")],
            heading=_("The OPEIU app"),
        ),
        FieldPanel("footer_links"),
    ]

    class Meta:
        verbose_name = _("site settings")

    @classmethod
    def for_site(cls, site):
        cache_tags.add(cache_tags.site_settings(site))
        return super().for_site(site)

    @classmethod
    def for_request(cls, request):
        # Also when the settings were read with the site (core.page_tree.find_site) and are
        # cached on the request, so for_site is never called.
        site_settings = super().for_request(request)
        cache_tags.add(cache_tags.site_settings(site_settings.site_id))
        return site_settings

    @property
    def social_links(self):
        return social_links_of(self)

    @property
    def phone_numbers(self):
        return phone_numbers_of(self)
