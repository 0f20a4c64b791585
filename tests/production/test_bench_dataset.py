"""The benchmark's bulk builders (bench/builders_*.py) make a valid page tree whose pages
serve, with occurrences materialised by the events app, and a second run adds nothing.
Run here at a small size: the module constants are the issue's sizes."""

import pytest
from wagtail.models import Page

from bench import builders_events, builders_locals, builders_news
from bench.dataset import Progress
from events.models import MeetingSeriesPage, Occurrence
from locals.models import LocalPage
from news.models import NewsPage
from tests.events.factories import EventIndexPageFactory
from tests.locals.factories import LocalIndexPageFactory
from tests.news.factories import NewsIndexPageFactory

pytestmark = pytest.mark.clock  # reads today's date (tests/clock.py)


@pytest.fixture
def small_sizes(monkeypatch):
    monkeypatch.setattr(builders_news, "POSTS", 30)
    monkeypatch.setattr(builders_locals, "LOCALS", 12)
    monkeypatch.setattr(builders_events, "SERIES", 4)
    monkeypatch.setattr(builders_events, "OCCURRENCES_PER_SERIES", 20)


def build_all():
    builders_locals.locals_directory(1, Progress)
    builders_news.news_posts(1, Progress)
    builders_events.meeting_series(1, Progress)


@pytest.mark.django_db
def test_builders_make_a_valid_tree_of_pages_that_serve(home, small_sizes, client):
    NewsIndexPageFactory(parent=home)
    LocalIndexPageFactory(parent=home)
    EventIndexPageFactory(parent=home)

    build_all()

    assert NewsPage.objects.live().count() == 30
    assert LocalPage.objects.live().count() == 12
    assert MeetingSeriesPage.objects.live().count() == 4
    assert Occurrence.objects.count() == 4 * 20
    assert all(len(problems) == 0 for problems in Page.find_problems())
    for page in (
        NewsPage.objects.last(),
        LocalPage.objects.last(),
        MeetingSeriesPage.objects.last(),
    ):
        response = client.get(page.url)
        assert response.status_code == 200
        assert page.title in response.content.decode()

    build_all()  # idempotent: a second run finds the set complete

    assert NewsPage.objects.count() == 30
    assert LocalPage.objects.count() == 12
    assert Occurrence.objects.count() == 4 * 20
