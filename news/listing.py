"""One page of a NewsIndexPage's list: filters from the query string, pagination, and the
choices offered in the filter form. A fixed number of queries whatever the number of posts.

Query-string values that do not name anything (an unknown tag, a year that is not a number, a
page past the end) raise Http404: a shared link either shows what it says or is not found.
"""

import re

from django.core.paginator import InvalidPage, Paginator
from django.db.models import Count, Q
from django.http import Http404
from taggit.models import Tag

from opeiu_site.core.queries import live_public

from .models import NewsCategory
from .queries import with_thumbnails

TAG_CHOICES_LIMIT = 30
SLUG = re.compile(r"[-\w]{1,100}")


def _check_slug(value):
    """Refuse what cannot be a slug before it reaches the database (PostgreSQL rejects NUL)."""
    if not SLUG.fullmatch(value):
        raise Http404("Not a slug")


class NewsListing:
    def __init__(self, index, request):
        self.index = index
        params = request.GET
        # The filter form's choices are read first: a chosen tag or category is usually among
        # them, which spares a query to look it up.
        self._used_categories = list(
            NewsCategory.objects.filter(self._live_post_filter("posts__")).distinct()
        )
        self._used_tags = list(
            Tag.objects.filter(self._live_post_filter("news_newspagetag_items__content_object__"))
            .annotate(post_count=Count("news_newspagetag_items"))
            .order_by("-post_count", "name")[:TAG_CHOICES_LIMIT]
        )
        self.tag = self._find_tag(params.get("tag", ""), self._used_tags)
        self.category = self._find_category(params.get("category", ""), self._used_categories)
        self.year = self._parse_year(params.get("year", ""))

        posts = index.get_posts()
        if self.tag is not None:
            posts = posts.filter(tags=self.tag)
        if self.category is not None:
            posts = posts.filter(category=self.category)
        if self.year is not None:
            posts = posts.filter(date__year=self.year)

        self.paginator = Paginator(with_thumbnails(posts), index.posts_per_page or 10)
        self.page_obj = self._page(params.get("page", ""))
        self.posts = list(self.page_obj.object_list)

    @property
    def is_filtered(self):
        return any(value is not None for value in (self.tag, self.category, self.year))

    @staticmethod
    def _find_tag(slug, used):
        if not slug:
            return None
        _check_slug(slug)
        tag = next((tag for tag in used if tag.slug == slug), None)
        if tag is None:
            tag = Tag.objects.filter(slug=slug).first()
        if tag is None:
            raise Http404("No such tag")
        return tag

    @staticmethod
    def _find_category(slug, used):
        if not slug:
            return None
        _check_slug(slug)
        category = next((category for category in used if category.slug == slug), None)
        if category is None:
            category = NewsCategory.objects.filter(slug=slug).first()
        if category is None:
            raise Http404("No such category")
        return category

    @staticmethod
    def _parse_year(value):
        if not value:
            return None
        if not value.isascii() or not value.isdigit() or not 1 <= int(value) <= 9999:
            raise Http404("Not a year")
        return int(value)

    def _page(self, value):
        if not value:
            return self.paginator.page(1)
        if not value.isascii() or not value.isdigit():
            raise Http404("Not a page number")
        try:
            return self.paginator.page(int(value))
        except InvalidPage as error:
            raise Http404("No such page") from error

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
