"""Cached fragments ({% cachefragment %}): a local's sections are rendered once and reused until
a change in what they show, and only for anonymous visitors of public pages."""

import uuid

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction

from news.models import NewsIndexPage, NewsPage
from opeiu_site.core import cache_tags
from opeiu_site.ops import page_cache, tag_store

from .cache_sections import build_sections, new_post

pytestmark = pytest.mark.clock  # reads today's date (tests/clock.py)

LOCAL_12 = "/locals/local-12/"
LOCAL_212 = "/locals/local-212/"
NEWS_TABLE = '"news_newspage"'  # read by the latest-news section only, on a local's page


@pytest.fixture
def fragments_on(settings):
    """The suite runs with cached fragments off (tests/settings.py); these tests are about
    them. Each test has a key namespace of its own (never cache.clear(): see page_cache_on)."""
    settings.FRAGMENT_CACHE_ENABLED = True
    settings.PAGE_CACHE_NAMESPACE = f"fragments-test-{uuid.uuid4().hex}"
    return settings


@pytest.fixture
def sections(home, fragments_on):
    return build_sections(home)


def render(client, url):
    """The response and the SQL it ran."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return response, [query["sql"] for query in captured.captured_queries]


def reads_news(sql):
    return any(NEWS_TABLE in query for query in sql)


def local_news_index(local):
    return NewsIndexPage.objects.child_of(local).get()


def test_a_cached_section_is_reused_without_its_queries(client, sections, settings):
    settings.FRAGMENT_CACHE_ENABLED = False
    render(client, LOCAL_12)  # templates, content types, renditions
    cold, cold_sql = render(client, LOCAL_12)

    settings.FRAGMENT_CACHE_ENABLED = True
    render(client, LOCAL_12)  # stores the fragments
    warm, warm_sql = render(client, LOCAL_12)

    assert reads_news(cold_sql)
    assert not reads_news(warm_sql), "the latest news section ran its query again"
    assert len(warm_sql) < len(cold_sql)
    assert warm.content == cold.content
    assert "First post of 12" in warm.text
    # One local's fragments never serve another's.
    other, other_sql = render(client, LOCAL_212)
    assert reads_news(other_sql)
    assert "First post of 212" in other.text and "First post of 12" not in other.text


def test_a_publish_refreshes_the_sections_that_show_it_and_no_other(client, sections):
    for url in (LOCAL_12, LOCAL_212, LOCAL_12, LOCAL_212):
        render(client, url)

    new_post(sections.news212, "Strike vote at Buffalo")

    response, sql = render(client, LOCAL_212)
    assert reads_news(sql)
    assert "Strike vote at Buffalo" in response.text
    response, sql = render(client, LOCAL_12)
    assert not reads_news(sql), "a publish in Local 212 purged Local 12's news"
    assert "Strike vote at Buffalo" not in response.text

    new_post(local_news_index(sections.tree.local12), "Contract ratified in Roseville")

    response, sql = render(client, LOCAL_12)
    assert reads_news(sql)
    assert "Contract ratified in Roseville" in response.text
    assert not reads_news(render(client, LOCAL_212)[1])


def test_a_response_built_from_cached_fragments_declares_their_tags(client, sections):
    first, _ = render(client, LOCAL_12)
    second, sql = render(client, LOCAL_12)

    assert not reads_news(sql)
    tags = set(second[page_cache.TAGS_HEADER].split())
    assert tags == set(first[page_cache.TAGS_HEADER].split())
    assert {"news-local-12", "events-local-12", "benefits-local-12"} <= tags


def test_a_page_cached_with_fragments_is_purged_by_their_tags(client, sections, page_cache_on):
    local12 = sections.tree.local12
    assert client.get(LOCAL_12)[page_cache.HIT_HEADER] == "MISS"
    # Stored at once, although its fragments were stored (and their tags stamped) during it.
    assert client.get(LOCAL_12)[page_cache.HIT_HEADER] == "HIT"
    tag_store.mark_purged([cache_tags.page(local12)])  # the page, not its sections
    response, sql = render(client, LOCAL_12)
    assert response[page_cache.HIT_HEADER] == "MISS"
    assert not reads_news(sql), "the page was rebuilt without its cached news section"
    assert client.get(LOCAL_12)[page_cache.HIT_HEADER] == "HIT"

    new_post(local_news_index(local12), "Contract ratified in Roseville")

    response = client.get(LOCAL_12)
    assert response[page_cache.HIT_HEADER] == "MISS"
    assert "Contract ratified in Roseville" in response.text


def test_editors_and_previews_neither_get_nor_store_fragments(client, sections, django_user_model):
    editor_client = Client()
    editor_client.force_login(
        django_user_model.objects.create_superuser("editor", "e@example.org", "x" * 16)
    )
    for _ in range(2):
        response, sql = render(editor_client, LOCAL_12)
        assert reads_news(sql), "a logged-in editor got a cached fragment"
    assert reads_news(render(client, LOCAL_12)[1]), "a logged-in editor stored a fragment"
    assert not reads_news(render(client, LOCAL_12)[1])

    # A change that purges nothing: anonymous visitors keep the stored fragment...
    post = NewsPage.objects.get(title="First post of 12")
    Page.objects.filter(pk=post.pk).update(title="Renamed without a purge")
    assert "First post of 12" in render(client, LOCAL_12)[0].text
    # ...editors and previews render afresh, and store nothing over it.
    assert "Renamed without a purge" in render(editor_client, LOCAL_12)[0].text
    preview = editor_client.get(
        reverse("wagtailadmin_pages:view_draft", args=[sections.tree.local12.pk])
    )
    assert preview.status_code == 200
    assert "Renamed without a purge" in preview.text
    assert "First post of 12" in render(client, LOCAL_12)[0].text


def test_a_restricted_page_never_stores_fragments(client, sections):
    restriction = PageViewRestriction.objects.create(
        page=sections.tree.local12, restriction_type=PageViewRestriction.PASSWORD, password="s3"
    )
    unlock = reverse(
        "wagtailcore_authenticate_with_password", args=[restriction.pk, sections.tree.local12.pk]
    )
    response = client.post(unlock, {"password": "s3", "return_url": LOCAL_12})
    assert response.status_code == 302

    for _ in range(2):
        response, sql = render(client, LOCAL_12)
        assert "First post of 12" in response.text
        assert reads_news(sql), "a restricted page's section was cached"
