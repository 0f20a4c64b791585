"""Public query helpers: what the home page and a local's page show of a section's news.

A "section" is a section root page: the International's HomePage or a local's LocalPage. Its
news is the posts of the live NewsIndexPage(s) that are its direct children, so the posts of a
local (one level deeper, under the local's own index) never appear in the International's list.
"""

from django.db.models import Q

from opeiu_site.core import cache_tags
from opeiu_site.core.page_tree import section_indexes
from opeiu_site.core.queries import live_public

from .models import NewsIndexPage, NewsPage
from .thumbnails import with_thumbnails


def news_indexes(section):
    """The section's live news index pages (usually one), in tree order (base `Page` rows,
    fetched with the section's other indexes once per request)."""
    return section_indexes(section, NewsIndexPage)


def news_index(section):
    """The section's main news index page, or None."""
    return next(iter(news_indexes(section)), None)


def latest(section, limit=5):
    """The newest `limit` live posts of the section, newest first (one query, plus the
    section's indexes if nothing asked for them yet)."""
    cache_tags.add(cache_tags.listing("news", section))
    paths = [index.path for index in news_indexes(section)]
    if not paths:
        return NewsPage.objects.none()
    under_an_index = Q()
    for path in paths:
        under_an_index |= Q(path__startswith=path)
    posts = (
        NewsPage.objects.filter(live_public(passed=section))
        .filter(under_an_index, depth=section.depth + 2)
        .select_related("category")
        .order_by("-date", "-first_published_at", "-pk")
    )
    return with_thumbnails(posts)[:limit]


def tagged(section, tag, limit):
    """The newest `limit` live, public posts anywhere under `section` (its locals' too) tagged
    `tag`, newest first: a contract's bargaining news (the `opeiu_tagged_news` hook, for
    contracts.queries). Declares `news-tree-<section path>`: a post published anywhere below
    purges it (NewsPage.listing_in_tree)."""
    return (
        NewsPage.objects.live_public()
        .listed("news", section, tree=True)
        .filter(path__startswith=section.path, tags__slug=tag)
        .order_by("-date", "-pk")[:limit]
    )
