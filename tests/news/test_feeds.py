"""RSS 2.0 and Atom feeds of a news index, read by feedparser as a feed reader would."""

import datetime

import feedparser
import pytest
from django.utils import timezone

from news.feeds import FEED_LIMIT
from tests.news.factories import NewsCategoryFactory, NewsIndexPageFactory, NewsPageFactory


@pytest.fixture
def posts(news_index):
    category = NewsCategoryFactory(name="Safety and health", slug="safety-and-health")
    return [
        NewsPageFactory(
            parent=news_index,
            slug="workers-memorial-day",
            title="One Workplace Death is One Too Many",
            summary="April 28 is Workers Memorial Day.",
            date=datetime.date(2022, 4, 28),
            category=category,
        ),
        NewsPageFactory(
            parent=news_index,
            slug="at-t",
            title="AT&T discounts for OPEIU members.",
            summary="Savings for members & their families <really>.",
            date=datetime.date(2011, 3, 16),
        ),
    ]


def _parse(client, url, content_type):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


@pytest.mark.parametrize(
    ("url", "content_type", "version"),
    [
        ("/news/rss/", "application/rss+xml", "rss20"),
        ("/news/atom/", "application/atom+xml", "atom10"),
    ],
)
def test_feed_is_read_cleanly_with_full_entries(client, posts, url, content_type, version):
    feed = _parse(client, url, content_type)
    assert feed.version == version
    assert feed.feed.title == "News | OPEIU"
    assert feed.feed.link == "http://testserver/news/"

    assert len(feed.entries) == 2
    newest, older = feed.entries
    assert newest.title == "One Workplace Death is One Too Many"
    assert newest.link == "http://testserver/news/workers-memorial-day/"
    assert newest.summary == "April 28 is Workers Memorial Day."
    assert older.title == "AT&T discounts for OPEIU members."
    assert older.summary == "Savings for members &amp; their families &lt;really&gt;."
    assert newest.id == f"urn:uuid:{posts[0].translation_key}"
    assert [tag.term for tag in newest.tags] == ["Safety and health"]

    published = datetime.datetime(2022, 4, 28, tzinfo=timezone.get_current_timezone())
    assert newest.published_parsed[:6] == published.astimezone(datetime.UTC).timetuple()[:6]


def test_entry_ids_survive_a_rename_and_a_new_slug(client, posts):
    before = {entry.id for entry in _parse(client, "/news/atom/", "application/atom+xml").entries}
    post = posts[1]
    post.title = "AT&T discounts (updated)"
    post.slug = "att-discounts"
    post.save_revision().publish()
    feed = _parse(client, "/news/atom/", "application/atom+xml")
    assert {entry.id for entry in feed.entries} == before
    assert feed.entries[1].link == "http://testserver/news/att-discounts/"


def test_feeds_are_per_index_and_linked_from_the_index(client, home, posts):
    other = NewsIndexPageFactory(parent=home, title="Press", slug="press")
    NewsPageFactory(parent=other, title="Only in the press room")
    feed = _parse(client, "/press/rss/", "application/rss+xml")
    assert [entry.title for entry in feed.entries] == ["Only in the press room"]
    html = client.get("/news/").text
    assert 'href="http://testserver/news/rss/">RSS feed' in html
    assert 'href="http://testserver/news/atom/">Atom feed' in html


def test_feed_holds_the_newest_posts_only(client, news_index):
    for day in range(FEED_LIMIT + 3):
        NewsPageFactory(parent=news_index, date=datetime.date(2022, 1, 1) + datetime.timedelta(day))
    feed = _parse(client, "/news/rss/", "application/rss+xml")
    assert len(feed.entries) == FEED_LIMIT
    dates = [entry.published_parsed for entry in feed.entries]
    assert dates == sorted(dates, reverse=True)


def test_a_locals_feed_is_titled_after_the_local(client, home, posts):
    from tests.locals.factories import LocalIndexPageFactory, LocalPageFactory

    directory = LocalIndexPageFactory(parent=home)
    local = LocalPageFactory(parent=directory, number=12, title="OPEIU Local 12")
    local_news = NewsIndexPageFactory(parent=local, title="News", slug="news")
    NewsPageFactory(parent=local_news, title="CAT meetings restart")
    for kind, content_type in [("rss", "application/rss+xml"), ("atom", "application/atom+xml")]:
        feed = _parse(client, f"/locals/local-12/news/{kind}/", content_type)
        assert feed.feed.title == "News | OPEIU Local 12"
    rss = _parse(client, "/locals/local-12/news/rss/", "application/rss+xml")
    assert rss.feed.subtitle == "News from OPEIU Local 12"
    # The International's keeps the site's name.
    assert _parse(client, "/news/rss/", "application/rss+xml").feed.title == "News | OPEIU"
