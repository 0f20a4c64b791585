"""A post and the news index render, sit only where they may, and carry sharing metadata."""

import datetime
import json
import re

import pytest
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail_factories import ImageFactory

from locals.models import LocalPage
from news.models import NewsIndexPage, NewsPage, NewsPageRelatedPost
from opeiu_site.home.models import HomePage, StandardPage
from tests.news.factories import NewsCategoryFactory, NewsPageFactory


@pytest.mark.django_db
class TestWhereNewsPagesSit(WagtailPageTestCase):
    def test_news_index_only_under_a_section_root(self):
        self.assertAllowedParentPageTypes(NewsIndexPage, {HomePage, LocalPage})
        self.assertCanCreateAt(HomePage, NewsIndexPage)
        self.assertCanNotCreateAt(Page, NewsIndexPage)
        self.assertCanNotCreateAt(StandardPage, NewsIndexPage)
        self.assertCanNotCreateAt(NewsIndexPage, NewsIndexPage)

    def test_news_post_only_under_a_news_index(self):
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})
        self.assertAllowedSubpageTypes(NewsPage, set())
        self.assertCanCreateAt(NewsIndexPage, NewsPage)
        self.assertCanNotCreateAt(HomePage, NewsPage)
        self.assertCanNotCreateAt(StandardPage, NewsPage)


@pytest.mark.clock
def test_new_post_is_dated_today_by_default(db):
    assert NewsPage().date == timezone.localdate()


def _meta(html, attribute, name):
    match = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', html)
    return match.group(1) if match else None


def _json_ld(html):
    scripts = re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)
    assert len(scripts) == 1
    return json.loads(scripts[0])


def test_post_shows_date_dek_body_tags_and_category(client, news_index):
    category = NewsCategoryFactory(name="Campaign", slug="campaign")
    post = NewsPageFactory(
        parent=news_index,
        slug="red-cross",
        title="Tell the Red Cross: Front-Line Heroes Deserve a DIGNIFIED Contract",
        dek="Red Cross workers are asking for your support",
        date=datetime.date(2022, 4, 13),
        category=category,
        body=json.dumps(
            [
                {"type": "paragraph", "value": "<p>Their contract expires May 31.</p>"},
                {
                    "type": "call_to_action",
                    "value": {"label": "Sign the petition", "page": None, "url": "/petition/"},
                },
            ]
        ),
    )
    post.tags.add("Red Cross", "Petitions")
    post.save_revision().publish()

    response = client.get("/news/red-cross/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<time datetime="2022-04-13">Wednesday, April 13, 2022</time>' in html
    assert "<h1>Tell the Red Cross: Front-Line Heroes Deserve a DIGNIFIED Contract</h1>" in html
    assert "Red Cross workers are asking for your support" in html
    assert "Their contract expires May 31." in html
    assert '<a class="button" href="/petition/">Sign the petition</a>' in html
    assert '<a href="/news/?tag=red-cross">Red Cross</a>' in html
    assert '<a href="/news/?category=campaign">Campaign</a>' in html


def test_post_sharing_metadata_and_json_ld(client, news_index, media):
    image = ImageFactory(title="Red Cross workers", file__width=1600, file__height=900)
    post = NewsPageFactory(
        parent=news_index,
        slug="shared",
        title="A post worth sharing",
        summary="Why this post matters.",
        date=datetime.date(2022, 4, 13),
        hero_image=image,
        hero_image_alt="Red Cross workers at a blood drive",
        category=NewsCategoryFactory(name="Campaign", slug="campaign"),
    )
    html = client.get("/news/shared/").content.decode()

    assert _meta(html, "name", "description") == "Why this post matters."
    assert '<link rel="canonical" href="http://testserver/news/shared/">' in html
    assert _meta(html, "property", "og:type") == "article"
    assert _meta(html, "property", "og:title") == "A post worth sharing"
    og_image = _meta(html, "property", "og:image")
    assert og_image.startswith("http://testserver/") and og_image.endswith(".jpg")
    assert _meta(html, "property", "og:image:width") == "1200"
    assert _meta(html, "property", "og:image:height") == "630"
    assert _meta(html, "property", "og:image:alt") == "Red Cross workers at a blood drive"
    assert _meta(html, "name", "twitter:card") == "summary_large_image"
    assert _meta(html, "name", "twitter:image") == og_image
    assert _meta(html, "property", "article:published_time") == "2022-04-13T00:00:00-04:00"

    data = _json_ld(html)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "A post worth sharing"
    assert datetime.datetime.fromisoformat(data["datePublished"]) == post.published_at
    assert data["datePublished"].endswith("-04:00")
    assert data["image"] == [og_image]
    assert data["publisher"]["@type"] == "Organization"
    assert data["publisher"]["name"] == "Office and Professional Employees International Union"
    assert data["mainEntityOfPage"]["@id"] == "http://testserver/news/shared/"
    assert data["articleSection"] == "Campaign"


def test_json_ld_cannot_be_broken_out_of_by_a_title(client, news_index):
    NewsPageFactory(parent=news_index, slug="tricky", title="</script><script>alert(1)</script>")
    html = client.get("/news/tricky/").content.decode()
    assert "<script>alert(1)" not in html
    assert _json_ld(html)["headline"] == "</script><script>alert(1)</script>"


def test_post_without_image_has_no_image_metadata(client, news_index):
    NewsPageFactory(parent=news_index, slug="plain")
    html = client.get("/news/plain/").content.decode()
    assert _meta(html, "property", "og:image") is None
    assert "image" not in _json_ld(html)


def test_hero_image_is_a_picture_with_modern_formats_srcset_and_size(client, news_index, media):
    image = ImageFactory(title="Hero", file__width=1600, file__height=800)
    NewsPageFactory(parent=news_index, slug="hero", hero_image=image, hero_image_alt="Members")
    html = client.get("/news/hero/").content.decode()
    picture = re.search(r'<figure class="news-post__hero">\s*(<picture>.*?</picture>)', html, re.S)
    assert picture, html
    picture = picture.group(1)
    assert 'type="image/avif"' in picture and 'type="image/webp"' in picture
    img = re.search(r"<img [^>]*>", picture).group(0)
    assert 'alt="Members"' in img
    assert re.search(r'width="\d+"', img) and re.search(r'height="\d+"', img)
    assert "srcset=" in img and ".jpg 480w" in img and ".jpg 1200w" in img


def test_chosen_related_posts_come_first_then_the_same_category(client, news_index):
    campaign = NewsCategoryFactory(name="Campaign", slug="campaign")
    benefits = NewsCategoryFactory(name="Benefits", slug="benefits")
    post = NewsPageFactory(parent=news_index, slug="main", category=campaign)
    chosen = NewsPageFactory(parent=news_index, title="Chosen benefit post", category=benefits)
    NewsPageFactory(parent=news_index, title="Another benefit post", category=benefits)
    same = NewsPageFactory(parent=news_index, title="Same category post", category=campaign)
    NewsPageRelatedPost.objects.create(page=post, post=chosen, sort_order=0)

    assert post.get_related_posts() == [chosen, same]
    html = client.get("/news/main/").content.decode()
    related = html[html.index("Related posts") :]
    assert related.index("Chosen benefit post") < related.index("Same category post")
    assert "Another benefit post" not in related
