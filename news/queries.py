"""Public query helpers: what the home page and a local's page show of a section's news.

A "section" is a section root page: the International's HomePage or a local's LocalPage. Its
news is the posts of the live NewsIndexPage(s) that are its direct children, so the posts of a
local (one level deeper, under the local's own index) never appear in the International's list.
"""

from django.db.models import Q

from opeiu_site.core import cache_tags
from opeiu_site.core.queries import live_public

from .models import NewsIndexPage, NewsPage


def news_indexes(section):
    """The section's live, public news index pages (usually one), in tree order."""
    return (
        NewsIndexPage.objects.filter(live_public(passed=section)).child_of(section).order_by("path")
    )


def news_index(section):
    """The section's main news index page, or None."""
    return news_indexes(section).first()


def latest(section, limit=5):
    """The newest `limit` live, public posts of the section, newest first (two queries)."""
    cache_tags.add(cache_tags.listing("news", section))
    paths = list(news_indexes(section).values_list("path", flat=True))
    if not paths:
        return NewsPage.objects.none()
    under_an_index = Q()
    for path in paths:
        under_an_index |= Q(path__startswith=path)
    return (
        NewsPage.objects.filter(live_public(passed=section))
        .filter(under_an_index, depth=section.depth + 2)
        .select_related("category")
        .order_by("-date", "-first_published_at", "-pk")[:limit]
    )
