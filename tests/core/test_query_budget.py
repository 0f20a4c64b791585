"""Every public page type runs at most 10 SQL queries, and the same number with 10 news posts
in a section or 1,000 (the budget of shared/DESIGN.md), measured on the demo site."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from locals.models import LocalPage
from news.models import NewsIndexPage
from tests.news.factories import add_posts

pytestmark = pytest.mark.clock  # reads today's date (tests/clock.py)

BUDGET = 10

# (label, page type, suffix): the first live page of that type in tree order, plus the suffix.
PAGE_TYPES = [
    ("home", "home.HomePage", ""),
    ("standard page", "home.StandardPage", ""),
    ("locals directory", "locals.LocalIndexPage", ""),
    ("local page", "locals.LocalPage", ""),
    ("action page", "actions.ActionPage", ""),
    ("news index", "news.NewsIndexPage", ""),
    ("news RSS", "news.NewsIndexPage", "rss/"),
    ("news Atom", "news.NewsIndexPage", "atom/"),
    ("news post", "news.NewsPage", ""),
    ("calendar", "events.EventIndexPage", ""),
    ("calendar .ics", "events.EventIndexPage", "calendar.ics"),
    ("meeting series", "events.MeetingSeriesPage", ""),
    ("meeting series .ics", "events.MeetingSeriesPage", "calendar.ics"),
    ("event", "events.EventPage", ""),
    ("event .ics", "events.EventPage", "calendar.ics"),
    ("benefits index", "benefits.BenefitIndexPage", ""),
    ("benefit offer", "benefits.BenefitPage", ""),
]
FIXED_URLS = [
    ("International news", "/news/"),
    ("International news, page 2", "/news/?page=2"),
    ("International news, a category", "/news/?category=organizing"),
    ("International calendar", "/events/"),
    ("Local 12's news", "/locals/local-12/news/"),
    ("Local 12's page", "/locals/local-12/"),
    ("sitemap", "/sitemap.xml"),
    # Results of several page types, and a promoted page, each loaded in one query.
    ("search", "/search/?q=union"),
    ("search with a promotion", "/search/?q=organize"),
]


def _urls():
    from django.apps import apps

    urls = dict(FIXED_URLS)
    for label, model_label, suffix in PAGE_TYPES:
        model = apps.get_model(model_label)
        page = model.objects.live().public().order_by("path").first()
        assert page is not None, f"the demo has no {model_label}"
        urls[label] = page.url + suffix
    return urls


def _query_counts(client, urls):
    counts = {}
    for label, url in urls.items():
        assert client.get(url).status_code == 200, url  # warm renditions and process caches
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        counts[label] = len(queries)
    return counts


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", verbosity=0)


def test_every_public_page_type_stays_within_budget_whatever_the_number_of_posts(client, demo):
    urls = _urls()
    small = _query_counts(client, urls)

    local = LocalPage.objects.get(slug="local-12")
    for index in [*NewsIndexPage.objects.child_of(local), NewsIndexPage.objects.get(depth=3)]:
        add_posts(index, 1000, start=datetime.date(2015, 1, 1))
    large = _query_counts(client, urls)

    print("queries per page:", small)
    assert large == small
    over = {label: count for label, count in small.items() if count > BUDGET}
    assert not over, f"over {BUDGET} queries: {over}"
    assert all(problem == [] for problem in Page.find_problems())
