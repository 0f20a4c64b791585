"""The news index and a post run the same number of SQL queries with 10 posts or 1,000."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail_factories import ImageFactory

from tests.news.factories import NewsCategoryFactory, NewsPageFactory, add_posts

pytestmark = pytest.mark.clock  # reads today's date (tests/clock.py)

URLS = [
    "/",
    "/news/",
    "/news/?page=2",
    "/news/?category=campaign&year=2021",
    "/news/?tag=petitions",
    "/news/rss/",
    "/news/atom/",
    "/news/featured/",
]


def _query_counts(client):
    counts = {}
    for url in URLS:
        assert client.get(url).status_code == 200, url  # warm caches and renditions
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        counts[url] = len(queries)
    return counts


def test_query_counts_do_not_grow_with_the_number_of_posts(client, news_index, media):
    news_index.posts_per_page = 4  # so that 10 posts make three pages
    news_index.save_revision().publish()
    campaign = NewsCategoryFactory(name="Campaign", slug="campaign")
    featured = NewsPageFactory(
        parent=news_index,
        slug="featured",
        date=datetime.date(2030, 1, 1),
        category=campaign,
        hero_image=ImageFactory(file__width=1600, file__height=900),
        hero_image_alt="Members rallying",
    )
    featured.tags.add("Petitions", "Red Cross")
    featured.save_revision().publish()
    add_posts(news_index, 9, start=datetime.date(2021, 1, 1), category=campaign)
    small = _query_counts(client)

    add_posts(news_index, 990, start=datetime.date(2018, 1, 1), category=campaign)
    large = _query_counts(client)

    assert large == small
    assert max(small.values()) <= 10, small
    print("queries per page:", small)
