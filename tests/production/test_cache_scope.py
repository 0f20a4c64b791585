"""Invalidation follows content: a change purges only the cache tags it touches.

A publish in Local 212 refreshes Local 212's page, news, feeds, the site's search and sitemap
(and the International calendar, which includes the locals' events) and leaves the
International home and Local 12's pages and feeds cached. Drafts, autosaves and the other
bookkeeping rows purge nothing."""

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db.models.deletion import Collector
from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import PageLogEntry

from events.models import Occurrence
from opeiu_site.core import cache_tags
from opeiu_site.ops import page_cache

from .cache_sections import build_sections, new_event, new_post

pytestmark = pytest.mark.clock  # reads today's date (tests/clock.py)

LOCAL_212_NEWS_URLS = (
    "/locals/local-212/",
    "/locals/local-212/news/",
    "/locals/local-212/news/rss/",
    "/locals/local-212/news/atom/",
    "/search/?q=strike",
    "/sitemap.xml",
)


@pytest.fixture
def sections(home, page_cache_on):
    return build_sections(home)


def state(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get(page_cache.HIT_HEADER), response


def warm(client, urls):
    for url in urls:
        state(client, url)
        assert state(client, url)[0] == "HIT", url


def assert_still_cached(client, urls):
    for url in urls:
        assert state(client, url)[0] == "HIT", f"{url} was purged"


def test_a_publish_in_local_212_refreshes_its_pages_and_nothing_of_local_12(client, sections):
    warm(client, sections.unrelated_urls + LOCAL_212_NEWS_URLS)

    new_post(sections.news212, "Strike vote at Buffalo")

    for url in LOCAL_212_NEWS_URLS:
        hit, response = state(client, url)
        assert hit == "MISS", f"{url} still shows the old copy"
    assert "Strike vote at Buffalo" in state(client, "/locals/local-212/news/")[1].text
    assert "Strike vote at Buffalo" in state(client, "/locals/local-212/news/rss/")[1].text
    assert "Strike vote at Buffalo" in state(client, "/search/?q=strike")[1].text
    assert_still_cached(client, sections.unrelated_urls)


def test_an_event_in_local_212_refreshes_the_international_calendar_only(client, sections):
    urls = sections.unrelated_urls
    warm(client, (*urls, "/events/", "/events/calendar.ics", "/locals/local-212/calendar/"))

    new_event(sections.calendar212, "Buffalo bargaining update")

    for url in ("/events/", "/events/calendar.ics", "/locals/local-212/calendar/"):
        hit, response = state(client, url)
        assert hit == "MISS", url
        assert "Buffalo bargaining update" in response.text
    assert_still_cached(client, urls)


def test_a_draft_or_autosave_purges_nothing(client, sections):
    local212 = sections.tree.local212_page
    urls = (*sections.unrelated_urls, *LOCAL_212_NEWS_URLS, local212.url)
    warm(client, urls)

    local212.title = "Draft title nobody sees yet"
    local212.save_revision()  # what the editor's Save draft and Wagtail's autosave do
    sections.tree.local212.specific.save_revision()

    assert_still_cached(client, urls)
    assert "Draft title" not in state(client, local212.url)[1].text


def test_bookkeeping_rows_purge_nothing(client, sections, django_user_model):
    urls = (*sections.unrelated_urls, *LOCAL_212_NEWS_URLS)
    warm(client, urls)

    session = SessionStore()
    session["visited"] = True
    session.save()
    page = sections.tree.local212_page
    PageLogEntry.objects.log_action(page, "wagtail.edit")
    editor = django_user_model.objects.create_user("editor212", "e@example.org", "x" * 16)
    page.locked, page.locked_by = True, editor  # what the admin's lock button saves
    page.save(update_fields=["locked", "locked_by"])
    FormSubmission.objects.create(page=page, form_data={"name": "A member"})

    assert_still_cached(client, urls)


def test_unrelated_models_keep_django_fast_delete(sections):
    """No receiver listens to every model any more: deleting occurrences (the calendar's
    clean-up) or sessions is one DELETE, not a load and a signal per row."""
    collector = Collector(using="default")
    assert collector.can_fast_delete(Occurrence.objects.all())
    assert collector.can_fast_delete(PageLogEntry.objects.all())


def test_responses_declare_what_they_show(client, sections):
    tree = sections.tree
    site_id = tree.home.get_site().pk
    tags = set(client.get("/locals/local-12/")[page_cache.TAGS_HEADER].split())
    assert {
        f"page-{tree.local12.pk}",
        "news-local-12",
        "events-local-12",
        f"settings-site-{site_id}",
        f"site-{site_id}",
    } <= tags
    # Nothing of Local 212 or of the International's own listings (a local does list the
    # International's offers, which are open to its members).
    foreign = {tag for tag in tags if "212" in tag or tag.endswith("-international")}
    assert foreign <= {"benefits-international"}
    news12 = tree.local12.get_children().get(slug="news")
    feed = set(client.get("/locals/local-12/news/rss/")[page_cache.TAGS_HEADER].split())
    assert cache_tags.children(news12) in feed
    calendar = set(client.get("/events/")[page_cache.TAGS_HEADER].split())
    assert cache_tags.tree("events", tree.home.path) in calendar
