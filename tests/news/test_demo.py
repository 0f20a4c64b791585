"""The demo news: the twelve posts of DEMO_CONTENT.md, loaded once however often it runs."""

import datetime
import re

import feedparser
import pytest
from wagtail.documents import get_document_model

from news.models import NewsIndexPage

# (date, title) from shared/DEMO_CONTENT.md, newest first.
FACTS = [
    (datetime.date(2022, 5, 1), "Celebrating Organizing the Unorganized"),
    (datetime.date(2022, 4, 28), "One Workplace Death is One Too Many"),
    (
        datetime.date(2022, 4, 26),
        "New report details scope and severity of workplace hazards in U.S.",
    ),
    (
        datetime.date(2022, 4, 15),
        "Limited Time Offer: MetLife Legal Plans for only $19.95 per Month",
    ),
    (
        datetime.date(2022, 4, 14),
        "Leadership Conference Workers United Urges The Leadership Conference on Civil and Human "
        "Rights and The Leadership Conference Education Fund to Recognize Union",
    ),
    (
        datetime.date(2022, 4, 13),
        "Tell the Red Cross: Front-Line Heroes Deserve a DIGNIFIED Contract",
    ),
    (
        datetime.date(2011, 7, 13),
        "OPEIU Local 212 Members Ratify Agreement Ending 12 Week Lockout at HealthNow New York, "
        "Inc. (dba Blue Cross/Blue Shield of Western New York)",
    ),
    (datetime.date(2011, 4, 13), 'Michael Goodwin appears on "Health Matters", AM 1110 WTBQ radio'),
    (datetime.date(2011, 3, 16), "AT&T discounts for OPEIU members."),
    (datetime.date(2011, 3, 4), "Stand With Wisconsin"),
    (datetime.date(2011, 2, 27), "Stand With Wisconsin"),
    (
        datetime.date(2011, 2, 24),
        "OPEIU Joins Wisconsin Local Unions in Protest at the Capitol in Madison, Wisconsin",
    ),
]
DEKS = {
    "One Workplace Death is One Too Many": "April 28 is Workers Memorial Day",
    "Tell the Red Cross: Front-Line Heroes Deserve a DIGNIFIED Contract": (
        "Red Cross workers are asking for your support"
    ),
    FACTS[4][1]: "Workers seek to organize for a workplace as good as its ideals",
}


pytestmark = pytest.mark.clock  # the demo's meetings and offers are dated from today


@pytest.fixture
def demo(demo_data, db):
    return NewsIndexPage.objects.get(slug="news", depth=3)


def test_demo_posts_match_the_facts(demo):
    posts = list(demo.get_posts())
    assert [(post.date, post.title) for post in posts] == FACTS
    for post in posts:
        assert post.live and post.summary and post.category is not None, post.title
        assert post.tags.exists(), post.title
        assert post.body, post.title
        if post.title in DEKS:
            assert post.dek == DEKS[post.title]
    assert sum(1 for post in posts if post.hero_image_id) >= 3
    assert demo.show_in_menus and demo.url == "/news/"


def test_demo_news_pages_list_all_twelve_newest_first(client, demo):
    titles = []
    for page in (1, 2):
        response = client.get(f"/news/?page={page}")
        assert response.status_code == 200
        titles += re.findall(
            r'<h2 class="news-card__title"><a href="[^"]+">([^<]+)</a>', response.text
        )
    assert [title.replace("&amp;", "&").replace("&quot;", '"') for title in titles] == [
        title for _, title in FACTS
    ]
    for url in ("/news/rss/", "/news/atom/"):
        feed = feedparser.parse(client.get(url).content)
        assert not feed.bozo and len(feed.entries) == 12
    home = client.get("/").text
    assert home.count('<article class="card news-card') == 5


def test_red_cross_post_asks_to_sign_the_petition(client, demo):
    html = client.get("/news/tell-the-red-cross-dignified-contract/").text
    assert '<a class="button" href="/red-cross-petition/">Sign the petition</a>' in html


def test_att_post_offers_the_shared_pdf(client, demo):
    html = client.get("/news/att-discounts-for-opeiu-members/").text
    document = get_document_model().objects.get(title="AT&T discounts for OPEIU members")
    assert f'<a href="{document.url}" download>Download the PDF</a>' in html
    assert document.file.read().startswith(b"%PDF")


def test_local_12_has_its_own_news_on_its_page_and_feed(client, demo):
    local_index = NewsIndexPage.objects.get(url_path__endswith="/local-12/news/")
    titles = [post.title for post in local_index.get_posts()]
    assert titles == [
        "HealthPartners Strike School at Carpenters Hall",
        "HealthPartners CAT meetings restart Tuesday, January 7",
    ]
    local_page = client.get("/locals/local-12/").text
    assert "HealthPartners CAT meetings restart Tuesday, January 7" in local_page
    feed = feedparser.parse(client.get("/locals/local-12/news/rss/").content)
    assert [entry.title for entry in feed.entries] == titles
    # The International's home and feed keep to the International's own posts.
    assert "HealthPartners Strike School" not in client.get("/").text
