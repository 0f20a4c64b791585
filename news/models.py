"""News: dated posts (NewsPage) listed, filtered and syndicated by a NewsIndexPage.

A NewsIndexPage sits directly under a section root (the International's HomePage or a local's
LocalPage); its posts are its children. Listing, filtering and feeds live in `listing.py` and
`feeds.py`; this module holds the models only.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Count, IntegerField, Prefetch, Q, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Orderable, PageManager
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from opeiu_site.core import cache_tags
from opeiu_site.core.blocks import BodyBlock
from opeiu_site.core.forms import BasePageForm
from opeiu_site.core.listing import paginate_or_404
from opeiu_site.core.models import AbstractCategory, BasePage
from opeiu_site.core.page_tree import section_indexes
from opeiu_site.core.queries import PublicPageQuerySet, live_public
from opeiu_site.core.sections import parent_path

from . import feeds
from .listing import TAG_CHOICES_LIMIT, NewsFilterForm

RELATED_POSTS_LIMIT = 3


@register_snippet
class NewsCategory(AbstractCategory):
    """What kind of news a post is: Press release, Campaign, Benefits, Safety and health..."""

    class Meta(AbstractCategory.Meta):
        verbose_name = _("news category")
        verbose_name_plural = _("news categories")


class NewsPageTag(TaggedItemBase):
    """Through model for a post's tags (taggit, kept in the page's revisions by modelcluster)."""

    content_object = ParentalKey(
        "news.NewsPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class NewsPageForm(BasePageForm):
    """A hero image needs alt text: typed here, or the image's own description."""

    def clean(self):
        cleaned_data = super().clean()
        image = cleaned_data.get("hero_image")
        if image and not cleaned_data.get("hero_image_alt") and not image.description:
            self.add_error(
                "hero_image_alt",
                forms.ValidationError(
                    _("Describe the image for people who cannot see it."), code="required"
                ),
            )
        return cleaned_data


# The listing posts and news indexes are in (BasePage.listing_kind).
LISTING_KIND = "news"


def _today():
    return timezone.localdate()


# The listing thumbnail of a post with a hero image (templates/news/includes/post_card.html).
THUMBNAIL_FILTER = "fill-640x360"


class NewsPageQuerySet(PublicPageQuerySet):
    """NewsPage.objects: the queries about news posts, as methods (Wagtail's way).

    NewsPage.objects.of_section(home)[:5]       the International's latest news
    NewsPage.objects.of_index(index)            an index's posts (its listing, its feeds)
    """

    def newest_first(self):
        return self.order_by("-date", "-first_published_at", "-pk")

    def with_thumbnails(self):
        """Each hero image and its listing-thumbnail rendition fetched in one more query for
        the whole list (not one per post)."""
        renditions = (
            get_image_model().get_rendition_model().objects.filter(filter_spec=THUMBNAIL_FILTER)
        )
        return self.select_related("hero_image").prefetch_related(
            Prefetch("hero_image__renditions", queryset=renditions)
        )

    def of_index(self, index):
        """The index's live, public posts, newest first (declares the index's children)."""
        cache_tags.add(cache_tags.children(index))
        return (
            self.filter(live_public(passed=index))
            .child_of(index)
            .select_related("category")
            .newest_first()
        )

    def of_section(self, section):
        """The live, public posts of the section's live news indexes (its direct children:
        not those of the sections below it), newest first, with their thumbnails: one query,
        plus the section's indexes if nothing asked for them yet. Reading it declares the
        section's news listing."""
        paths = [index.path for index in section_indexes(section, NewsIndexPage)]
        if not paths:
            return self.none().listed(self.model.listing_kind, section)
        under_an_index = Q()
        for index_path in paths:
            under_an_index |= Q(path__startswith=index_path)
        return (
            self.filter(live_public(passed=section))
            .filter(under_an_index, depth=section.depth + 2)
            .select_related("category")
            .newest_first()
            .with_thumbnails()
            .listed(self.model.listing_kind, section)
        )

    def tagged_under(self, section, tag):
        """The live, public posts anywhere under `section` (its locals' too) tagged `tag`,
        newest first: a contract's bargaining news. Declares `news-tree-<section path>`: a
        post published anywhere below purges it (NewsPage.listing_in_tree)."""
        return (
            self.live_public()
            .listed(self.model.listing_kind, section, tree=True)
            .filter(path__startswith=section.path, tags__slug=tag)
            .order_by("-date", "-pk")
        )


NewsPageManager = PageManager.from_queryset(NewsPageQuerySet)


class NewsPage(BasePage):
    """A dated news post: press release, campaign update, benefit notice..."""

    search_type_label = _("News")
    listing_kind = LISTING_KIND
    # The International's contracts read the bargaining news of the locals below it too.
    listing_in_tree = True

    date = models.DateField(
        _("publication date"),
        default=_today,
        db_index=True,
        help_text=_("Shown on the post and used to order the news; defaults to today."),
    )
    dek = models.CharField(
        _("dek"),
        max_length=255,
        blank=True,
        help_text=_("A one-line subtitle under the headline."),
    )
    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_("Two or three sentences shown in news listings, feeds and when shared."),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_image_alt = models.CharField(
        _("hero image alt text"),
        max_length=255,
        blank=True,
        help_text=_("What the image shows. Leave empty to use the image's own description."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True, use_json_field=True)
    category = models.ForeignKey(
        NewsCategory,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="posts",
    )
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("tags"))

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("date"),
                # "Dek" is newsroom jargon; editors know it as the subtitle.
                FieldPanel("dek", heading=_("Subtitle")),
                FieldPanel("summary"),
            ],
            heading=_("Headline and summary"),
        ),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_image_alt")], heading=_("Hero image")
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("category"), FieldPanel("tags")], heading=_("Category and tags")
        ),
        InlinePanel(
            "related_posts",
            label=_("Related posts"),
            help_text=_("Chosen posts come first; otherwise the newest posts of the category."),
        ),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("dek"),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]

    objects = NewsPageManager()  # of_section(), of_index(), tagged_under(), with_thumbnails()

    base_form_class = NewsPageForm
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []
    template = "news/news_page.html"

    class Meta:
        verbose_name = _("news post")
        verbose_name_plural = _("news posts")

    @property
    def summary_text(self):
        return self.summary or super().summary_text

    @property
    def published_at(self):
        """The publication date as an aware datetime (midnight in the site's time zone), for
        feeds and structured data, which want a time and a zone."""
        return timezone.make_aware(datetime.datetime.combine(self.date, datetime.time()))

    @property
    def hero_alt_text(self):
        if self.hero_image is None:
            return ""
        return self.hero_image_alt or self.hero_image.default_alt_text

    @property
    def sharing_image(self):
        """The image for Open Graph, Twitter and JSON-LD: the social image, else the hero."""
        return self.social_image or self.hero_image

    @property
    def sharing_image_alt(self):
        if self.social_image is not None:
            return self.social_image.default_alt_text
        return self.hero_alt_text

    def get_related_posts(self):
        """The editor's chosen related posts that are live and public, topped up with the
        newest live, public posts of the same category (or, with no category, the same
        index). Two queries: the links, then the chosen posts and the candidates together."""
        chosen_ids = [link.post_id for link in self.related_posts.all() if link.post_id]
        chosen_ids = list(dict.fromkeys(chosen_ids))[:RELATED_POSTS_LIMIT]
        siblings = Q(path__startswith=parent_path(self), depth=self.depth)
        if self.category_id:
            siblings &= Q(category_id=self.category_id)
        is_chosen = Case(When(pk__in=chosen_ids, then=0), default=1, output_field=IntegerField())
        candidates = (
            NewsPage.objects.filter(live_public(passed=self))
            .filter(siblings | Q(pk__in=chosen_ids))
            .exclude(pk=self.pk)
            .select_related("category")
            .alias(is_chosen=is_chosen)
            .order_by("is_chosen", "-date", "-pk")[: len(chosen_ids) + RELATED_POSTS_LIMIT]
        )
        by_id = {post.pk: post for post in candidates}
        chosen = [by_id[pk] for pk in chosen_ids if pk in by_id]
        others = [post for pk, post in by_id.items() if pk not in chosen_ids]
        related = (chosen + others)[:RELATED_POSTS_LIMIT]
        # Chosen posts by their own tags; the others are the index's listing (get_context).
        cache_tags.add(*(cache_tags.page(post) for post in related))
        return related

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["index"] = self.get_parent()
        cache_tags.add(cache_tags.children(context["index"]))  # the related posts' pool
        context["related_posts"] = self.get_related_posts()
        context["post_tags"] = list(self.tags.all())
        return context


class NewsPageRelatedPost(Orderable):
    """A post an editor links from another post ("Related posts")."""

    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="related_posts")
    post = models.ForeignKey(
        NewsPage,
        verbose_name=_("post"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [PageChooserPanel("post", "news.NewsPage")]

    class Meta(Orderable.Meta):
        verbose_name = _("related post")
        verbose_name_plural = _("related posts")

    def clean(self):
        if self.page_id and self.post_id == self.page_id:
            raise ValidationError({"post": _("A post cannot be related to itself.")})


class NewsIndexPage(RoutablePageMixin, BasePage):
    """The news of a section: newest first, paginated, filtered by tag, category and year, with
    RSS 2.0 and Atom feeds at rss/ and atom/."""

    search_type_filter = False  # a list of news; its posts are the type to filter by
    search_type_label = _("News")

    section_index = True  # found by its section's composers (core.page_tree)
    listing_kind = LISTING_KIND

    intro = models.TextField(_("introduction"), blank=True)
    posts_per_page = models.PositiveSmallIntegerField(
        _("posts per page"), default=10, help_text=_("How many posts each page of the list shows.")
    )

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("posts_per_page")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage", "locals.LocalPage"]
    subpage_types = ["news.NewsPage"]
    template = "news/news_index_page.html"

    class Meta:
        verbose_name = _("news index page")

    def get_posts(self):
        """This index's live, public posts, newest first."""
        return NewsPage.objects.of_index(self)

    @path("")
    def index_route(self, request):
        news_listing = NewsListing(self, request)
        return self.render(request, context_overrides={"listing": news_listing})

    @path("rss/", name="rss")
    def rss_feed(self, request):
        return feeds.feed_response(self, request, feeds.RSS)

    @path("atom/", name="atom")
    def atom_feed(self, request):
        return feeds.feed_response(self, request, feeds.ATOM)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["feed_urls"] = feeds.feed_urls(self, request)
        return context


class NewsListing:
    """One page of a NewsIndexPage's list: filters from the query string, pagination, and the
    choices offered in the filter form. A fixed number of queries whatever the number of posts.

    Query-string values that do not name anything (an unknown tag, a year that is not a number,
    a page past the end) raise Http404: a shared link either shows what it says or is not found.
    """

    def __init__(self, index, request):
        self.index = index
        # The filter form's choices are read first: they spare the lookup of a chosen value.
        self._used_categories = list(
            NewsCategory.objects.filter(self._live_post_filter("posts__")).distinct()
        )
        self._used_tags = list(
            Tag.objects.filter(self._live_post_filter("news_newspagetag_items__content_object__"))
            .annotate(post_count=Count("news_newspagetag_items"))
            .order_by("-post_count", "name")[:TAG_CHOICES_LIMIT]
        )
        self.form = NewsFilterForm(
            request.GET,
            categories=NewsCategory.objects.all(),
            used_tags=self._used_tags,
            used_categories=self._used_categories,
        )
        filters = self.form.cleaned_or_404()
        self.tag, self.category, self.year = filters["tag"], filters["category"], filters["year"]

        posts = index.get_posts()
        if self.tag is not None:
            posts = posts.filter(tags=self.tag)
        if self.category is not None:
            posts = posts.filter(category=self.category)
        if self.year is not None:
            posts = posts.filter(date__year=self.year)

        self.page_obj = paginate_or_404(
            request, posts.with_thumbnails(), index.posts_per_page or 10
        )
        self.paginator = self.page_obj.paginator
        self.posts = list(self.page_obj.object_list)

    @property
    def is_filtered(self):
        return self.form.is_filtered

    # Choices for the filter form: only what this index's live, public posts use.

    def _live_post_filter(self, prefix):
        under_index = Q(**{f"{prefix}path__startswith": self.index.path})
        return (
            under_index
            & Q(**{f"{prefix}depth": self.index.depth + 1})
            & live_public(prefix, passed=self.index)
        )

    def categories(self):
        return self._used_categories

    def years(self):
        return [day.year for day in self.index.get_posts().dates("date", "year", order="DESC")]

    def tags(self):
        """The most used tags (by name), plus the chosen one if it is not among them."""
        tags = list(self._used_tags)
        if self.tag is not None and self.tag not in tags:
            tags.append(self.tag)
        return sorted(tags, key=lambda tag: tag.name.lower())

    @property
    def page_range(self):
        """Page numbers around the current one, with Paginator.ELLIPSIS for the gaps."""
        return self.paginator.get_elided_page_range(self.page_obj.number, on_each_side=2)
