"""The International's home page and the plain content page (About, Need a Union?, Contact)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from opeiu_site.core.blocks import BodyBlock
from opeiu_site.core.models import BasePage
from opeiu_site.core.sections import SectionRoot


class HomePage(SectionRoot, BasePage):
    """The International's front page: a welcome, then the latest news, upcoming events,
    promos and offers that the content apps' query helpers supply."""

    hero_heading = models.CharField(_("hero heading"), max_length=255, blank=True)
    hero_text = models.TextField(_("hero text"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True, use_json_field=True)

    content_panels = BasePage.content_panels + [
        MultiFieldPanel([FieldPanel("hero_heading"), FieldPanel("hero_text")], heading=_("Hero")),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("hero_text")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.StandardPage",
        "news.NewsIndexPage",
        "events.EventIndexPage",
        "benefits.BenefitIndexPage",
        "locals.LocalIndexPage",
        "actions.ActionPage",
        "contracts.ContractIndexPage",
        "contracts.DocumentLibraryPage",
        "contracts.OfficersPage",
    ]
    max_count_per_parent = 1
    template = "home/home_page.html"
    search_type_filter = False  # found by search, but not offered as a "type" to filter by

    class Meta:
        verbose_name = _("home page")


class StandardPage(BasePage):
    """A plain page of text: About, Need a Union?, Contact, and a local's own pages."""

    search_type_label = _("Page")

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True, use_json_field=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["home.HomePage", "home.StandardPage", "locals.LocalPage"]
    subpage_types = ["home.StandardPage"]
    template = "home/standard_page.html"

    class Meta:
        verbose_name = _("standard page")
