"""A section's latest news (`NewsPage.objects.of_section(section)`) and the "Latest news" block
on the International's home."""

import datetime
import re

import pytest

from news.models import NewsIndexPage, NewsPage
from opeiu_site.core.page_tree import section_indexes
from tests.factories import StandardPageFactory
from tests.news.factories import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.clock  # reads today's date (tests/clock.py)


def _post(index, title, day):
    return NewsPageFactory(parent=index, title=title, date=datetime.date(2022, 4, day))


def test_latest_returns_the_newest_live_posts_of_the_section(home, news_index):
    posts = [_post(news_index, f"Post {day}", day) for day in range(1, 9)]
    posts[-1].unpublish()
    assert [post.title for post in NewsPage.objects.of_section(home)[:5]] == [
        f"Post {d}" for d in (7, 6, 5, 4, 3)
    ]
    assert [post.title for post in NewsPage.objects.of_section(home)[:2]] == ["Post 7", "Post 6"]
    assert section_indexes(home, NewsIndexPage)[0].pk == news_index.pk


def test_latest_ignores_posts_of_deeper_sections_and_unpublished_indexes(home, news_index):
    _post(news_index, "International post", 1)
    # A deeper subtree with its own news index (as a local's will be) stays out of home's news.
    deeper = StandardPageFactory(parent=home, slug="deeper")
    deeper_index = NewsIndexPageFactory.build(title="Deeper news", slug="news")
    deeper.add_child(instance=deeper_index)
    _post(deeper_index, "Deeper post", 20)
    hidden_index = NewsIndexPageFactory(parent=home, title="Old news", slug="old-news")
    _post(hidden_index, "Post of an unpublished index", 21)
    hidden_index.unpublish()

    assert [post.title for post in NewsPage.objects.of_section(home)[:5]] == ["International post"]
    assert [post.title for post in NewsPage.objects.of_section(deeper)[:5]] == ["Deeper post"]


def test_latest_is_empty_without_a_news_index(home):
    assert list(NewsPage.objects.of_section(home)[:5]) == []


def test_home_page_shows_the_five_newest_with_accessible_read_more_links(client, news_index):
    for day in range(1, 8):
        NewsPageFactory(
            parent=news_index,
            slug=f"post-{day}",
            title=f"Post {day}",
            dek=f"Dek {day}",
            summary=f"Summary {day}.",
            date=datetime.date(2022, 4, day),
        )
    html = client.get("/").text
    section = html[html.index('<section class="section latest-news"') :]
    section = section[: section.index("</section>")]
    assert '<h2 id="latest-news-heading">Latest news</h2>' in section
    titles = re.findall(r'<h3 class="news-card__title"><a href="[^"]+">([^<]+)</a>', section)
    assert titles == ["Post 7", "Post 6", "Post 5", "Post 4", "Post 3"]
    assert '<time datetime="2022-04-07">Apr 7, 2022</time>' in section
    assert "Dek 7" in section and "Summary 7." in section
    assert (
        '<a href="/news/post-7/">Read more<span class="visually-hidden"> about Post 7</span></a>'
        in section
    )
    # No link is named just "Read more".
    link_names = [
        re.sub(r"<[^>]+>", "", name) for name in re.findall(r"<a [^>]*>(.*?)</a>", section)
    ]
    assert "Read more" not in link_names
    assert '<a href="/news/">All news</a>' in section


def test_home_page_without_news_has_no_empty_news_section(client, home):
    assert "Latest news" not in client.get("/").text


def test_listings_show_a_thumbnail_only_where_a_post_has_an_image(client, home, news_index, media):
    from wagtail_factories import ImageFactory

    NewsPageFactory(
        parent=news_index,
        title="With a picture",
        date=datetime.date(2022, 4, 2),
        hero_image=ImageFactory(file__width=1600, file__height=900),
        hero_image_alt="Members rallying outside the hospital",
    )
    _post(news_index, "Without a picture", 1)
    for url in ("/", news_index.url):
        html = client.get(url).text
        assert "Without a picture" in html
        thumbnails = re.findall(r"<img [^>]*news-card__image[^>]*>", html)
        assert len(thumbnails) == 1, url
        thumbnail = thumbnails[0]
        assert 'alt="Members rallying outside the hospital"' in thumbnail
        assert 'width="640"' in thumbnail and 'height="360"' in thumbnail
        src = re.search(r'src="/media/([^"]+)"', thumbnail).group(1)
        assert (media / src).is_file()  # the rendition was made, at the URL the page gives
