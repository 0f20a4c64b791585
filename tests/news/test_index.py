"""The news index: newest first, paginated, filtered by shareable query strings; anything in
the query string that names nothing is a 404, never a 500."""

import datetime
import re

import pytest

from tests.news.factories import NewsCategoryFactory, NewsPageFactory, add_posts


def _titles(response):
    return re.findall(r'<h2 class="news-card__title"><a href="[^"]+">([^<]+)</a>', response.text)


@pytest.fixture
def posts(news_index):
    campaign = NewsCategoryFactory(name="Campaign", slug="campaign")
    benefits = NewsCategoryFactory(name="Benefits", slug="benefits")
    made = [
        NewsPageFactory(parent=news_index, title="Wisconsin 2011", date=datetime.date(2011, 3, 4)),
        NewsPageFactory(
            parent=news_index,
            title="AT&T discounts",
            date=datetime.date(2011, 3, 16),
            category=benefits,
        ),
        NewsPageFactory(
            parent=news_index, title="Red Cross", date=datetime.date(2022, 4, 13), category=campaign
        ),
        NewsPageFactory(
            parent=news_index, title="MetLife", date=datetime.date(2022, 4, 15), category=benefits
        ),
    ]
    made[0].tags.add("Wisconsin")
    made[0].save_revision().publish()
    made[2].tags.add("Red Cross", "Petitions")
    made[2].save_revision().publish()
    return made


def test_index_lists_posts_newest_first_with_feeds_discoverable(client, posts):
    response = client.get("/news/")
    assert response.status_code == 200
    assert _titles(response) == ["MetLife", "Red Cross", "AT&amp;T discounts", "Wisconsin 2011"]
    assert "4 posts" in response.text
    assert (
        '<link rel="alternate" type="application/rss+xml" title="News (RSS)" '
        'href="http://testserver/news/rss/">' in response.text
    )
    assert 'type="application/atom+xml"' in response.text


def test_unpublished_posts_are_not_listed(client, posts):
    posts[3].unpublish()
    assert "MetLife" not in _titles(client.get("/news/"))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("category=benefits", ["MetLife", "AT&amp;T discounts"]),
        ("year=2011", ["AT&amp;T discounts", "Wisconsin 2011"]),
        ("tag=red-cross", ["Red Cross"]),
        ("category=benefits&year=2022", ["MetLife"]),
        ("category=&year=&tag=", ["MetLife", "Red Cross", "AT&amp;T discounts", "Wisconsin 2011"]),
        ("year=1999", []),
    ],
)
def test_filters_by_category_year_and_tag(client, posts, query, expected):
    response = client.get(f"/news/?{query}")
    assert response.status_code == 200
    assert _titles(response) == expected


def test_filter_form_offers_only_what_the_posts_use_and_keeps_the_choice(client, posts):
    NewsCategoryFactory(name="Unused category", slug="unused")
    html = client.get("/news/?category=campaign").text
    assert '<option value="campaign" selected>Campaign</option>' in html
    assert '<option value="benefits">Benefits</option>' in html
    assert "Unused category" not in html
    assert '<option value="2022">2022</option>' in html and '<option value="2011">' in html
    assert '<option value="wisconsin">Wisconsin</option>' in html
    assert 'href="/news/">Clear filters</a>' in html


@pytest.mark.parametrize(
    "query",
    [
        "page=0",
        "page=abc",
        "page=-1",
        "page=9999",
        "page=%C2%B2",
        "page=" + "9" * 5000,
        "year=%2B2022",
        "year=abcd",
        "year=0",
        "year=99999",
        "tag=unknown",
        "category=unknown",
        "tag=%ff%00",
        "category=a%00b",
        "tag=" + "x" * 300,
    ],
)
def test_bad_query_strings_are_not_found_not_errors(client, posts, query):
    assert client.get(f"/news/?{query}").status_code == 404


@pytest.mark.clock
def test_pagination_keeps_filters_and_names_its_links(client, news_index):
    NewsCategoryFactory(name="Campaign", slug="campaign")
    add_posts(news_index, 25, start=datetime.date(2022, 1, 1))
    first = client.get("/news/?year=2022")
    assert len(_titles(first)) == 10
    assert _titles(first)[0] == "Bulk post 25"
    assert 'href="?year=2022&amp;page=2" rel="next">Older' in first.text
    assert (
        '<span aria-current="page"><span class="visually-hidden">Page </span>1</span>' in first.text
    )

    last = client.get("/news/?year=2022&page=3")
    assert last.status_code == 200
    assert _titles(last) == [f"Bulk post {n}" for n in range(5, 0, -1)]
    assert 'rel="prev">Newer' in last.text and 'rel="next"' not in last.text
    assert client.get("/news/?year=2022&page=4").status_code == 404


def test_an_empty_index_says_so(client, news_index):
    response = client.get("/news/")
    assert response.status_code == 200
    assert "No news yet." in response.text
