"""One page of a NewsIndexPage's list: filters from the query string, pagination, and the
choices offered in the filter form. A fixed number of queries whatever the number of posts.

Query-string values that do not name anything (an unknown tag, a year that is not a number, a
page past the end) raise Http404: a shared link either shows what it says or is not found.

NewsIndexPage hands in the category model (`category_model`, NewsCategory): this module imports
no model of the app, so the page module imports it without a cycle.
"""

from django.db.models import Count, Q
from taggit.models import Tag

from opeiu_site.core.listing import FilterForm, SlugChoiceField, WholeNumberField, paginate_or_404
from opeiu_site.core.queries import live_public

from .thumbnails import with_thumbnails

TAG_CHOICES_LIMIT = 30


class NewsFilterForm(FilterForm):
    """tag and category by slug, year by number. The template renders its own controls from
    the listing's choices (only what the index's posts use); a chosen tag or category is
    usually among them, which spares the query that looks it up."""

    tag = SlugChoiceField(Tag.objects.all())
    category = SlugChoiceField(None)  # the categories' queryset, set in __init__
    year = WholeNumberField(min_value=1, max_value=9999)

    def __init__(self, params, *, categories, used_tags=(), used_categories=()):
        super().__init__(params)
        self.fields["category"].queryset = categories
        self.fields["tag"].known = used_tags
        self.fields["category"].known = used_categories


class NewsListing:
    def __init__(self, index, request, *, category_model):
        self.index = index
        # The filter form's choices are read first: they spare the lookup of a chosen value.
        self._used_categories = list(
            category_model.objects.filter(self._live_post_filter("posts__")).distinct()
        )
        self._used_tags = list(
            Tag.objects.filter(self._live_post_filter("news_newspagetag_items__content_object__"))
            .annotate(post_count=Count("news_newspagetag_items"))
            .order_by("-post_count", "name")[:TAG_CHOICES_LIMIT]
        )
        self.form = NewsFilterForm(
            request.GET,
            categories=category_model.objects.all(),
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

        self.page_obj = paginate_or_404(request, with_thumbnails(posts), index.posts_per_page or 10)
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
