"""BasePage.objects is core's PublicPageQuerySet (issue 23, item 1): `live_public()`,
`in_section(section)` (a section's own pages, not its locals') and `listed(kind, section)`,
whose rows declare their cache tags when read, in the one query that reads them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from news.models import NewsPage
from opeiu_site.core import cache_tags
from tests.conftest import make_home
from tests.db import kept_data
from tests.locals.helpers import build_locals_tree
from tests.news.factories import NewsIndexPageFactory, NewsPageFactory


def _publish(page):
    page.save_revision().publish()
    return page


@pytest.fixture(scope="module")
def tree(django_db_setup, django_db_blocker):
    with kept_data(django_db_blocker):
        with django_db_blocker.unblock():
            home = make_home()
            locals_tree = build_locals_tree(home)
            news = _publish(NewsIndexPageFactory(parent=home))
            news12 = _publish(NewsIndexPageFactory(parent=locals_tree.local12))
            posts = {
                "international": _publish(NewsPageFactory(parent=news, title="International")),
                "local12": _publish(NewsPageFactory(parent=news12, title="Local 12 post")),
                "draft": NewsPageFactory(parent=news, title="Draft", live=False),
                "private": _publish(NewsPageFactory(parent=news, title="Members only")),
            }
            PageViewRestriction.objects.create(
                page=posts["private"], restriction_type=PageViewRestriction.PASSWORD, password="x"
            )
        yield {"home": home, "local12": locals_tree.local12, "posts": posts}


def titles(queryset):
    return sorted(page.title for page in queryset)


def test_live_public_leaves_out_drafts_and_restricted_pages(tree, db):
    assert titles(NewsPage.objects.live_public()) == ["International", "Local 12 post"]


def test_in_section_is_the_sections_own_pages_not_its_locals(tree, db):
    assert titles(NewsPage.objects.live_public().in_section(tree["home"])) == ["International"]
    assert titles(NewsPage.objects.live_public().in_section(tree["local12"])) == ["Local 12 post"]


def test_a_listed_queryset_declares_its_listing_and_rows_in_one_query(tree, db):
    local12 = tree["local12"]
    listing = NewsPage.objects.live_public().in_section(local12).listed("news", local12)
    with cache_tags.collecting() as tags, CaptureQueriesContext(connection) as queries:
        rows = list(listing[:5])
    assert len(queries) == 1
    assert tags == {"news-local-12", cache_tags.page(rows[0])}

    with cache_tags.collecting() as tags:
        assert listing.count() == 1
    assert tags == {"news-local-12"}


def test_a_tree_listing_declares_the_tree_tag(tree, db):
    home = tree["home"]
    with cache_tags.collecting() as tags:
        list(NewsPage.objects.live_public().listed("news", home, tree=True))
    assert cache_tags.tree("news", home.path) in tags


def test_an_unlisted_queryset_declares_nothing(tree, db):
    """Wagtail's own reads (`.specific()`, the sitemap) go through this queryset too: they must
    not put a tag per page on a response."""
    with cache_tags.collecting() as tags:
        list(NewsPage.objects.live_public())
        list(NewsPage.objects.live_public().specific())
    assert tags == set()
