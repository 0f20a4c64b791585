"""On the demo site, /search/?q=Red+Cross finds both the Red Cross petition and the news post
about it (issue 7's "done means")."""

import re

import pytest
from django.core.management import call_command
from wagtail.contrib.search_promotions.models import SearchPromotion

from actions.models import ActionPage
from news.models import NewsPage

from .test_search import search

pytestmark = pytest.mark.clock  # the demo's meetings and offers are dated from today


def test_red_cross_finds_the_petition_and_the_news_post(demo_data, db, client):
    petition = ActionPage.objects.live().get(slug="red-cross-petition")
    post = NewsPage.objects.live().filter(title__icontains="Red Cross").get()

    response = client.get("/search/", {"q": "Red Cross"})
    assert response.status_code == 200
    html = response.content.decode()
    results = re.findall(
        r'<h3 class="search-result__title"><a href="([^"]+)">([^<]+)</a></h3>', html
    )
    urls = [url for url, _ in results]
    assert petition.url in urls
    assert post.url in urls
    assert petition.url != post.url


def test_demo_promotes_need_a_union_for_organize(demo_data, db, client):
    call_command("load_demo")  # a second run: still one promotion
    assert SearchPromotion.objects.filter(query__query_string="organize").count() == 1
    response, page = search(client, q="Organize")
    # First and only once (PostgreSQL's stemming also finds "organized" on other pages).
    assert page.result_titles[0] == "Need a Union?"
    assert page.result_titles.count("Need a Union?") == 1
    assert "1 recommended page" in response.content.decode()
