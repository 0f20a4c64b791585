"""The filter form of a NewsIndexPage's list (tag, category, year): what its query string may
say, anything that names nothing being a 404 (core.listing.FilterForm). The listing itself is
on the page (news.models.NewsListing)."""

from taggit.models import Tag

from opeiu_site.core.listing import FilterForm, SlugChoiceField, WholeNumberField

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
