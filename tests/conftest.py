import datetime as dt
import os
import shutil
import uuid
from pathlib import Path

import pytest
import time_machine
from django.conf import settings as django_settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from opeiu_site.core.models import SiteSettings
from tests.factories import HomePageFactory

# OPEIU_TEST_CLOCK=2031-06-15 (a date, or an ISO datetime) runs the whole session on that day, the
# clock ticking from there: timezone.now(), date.today() and time.time() in the tests and in the
# code they call all see it, so a test that only passes in the year it was written fails now,
# not in a few years. Only this process travels: subprocesses (gunicorn in the slow tests,
# node), PostgreSQL's now() and Chromium keep the real clock, so a moved-clock run leaves out
# the slow and browser tests (see .ci/run).
CLOCK_VARIABLE = "OPEIU_TEST_CLOCK"
_moved_clock = []


def moved_clock_destination(value):
    """A date travels to noon UTC (the same date in every US time zone); a datetime without a
    zone is read as UTC."""
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        moment = dt.datetime.fromisoformat(value)
        return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    return dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)


def pytest_configure(config):
    # Before collection, so module-level dates are computed on the moved day too.
    value = os.environ.get(CLOCK_VARIABLE)
    if value and not _moved_clock:
        travel = time_machine.travel(moved_clock_destination(value), tick=True)
        travel.start()
        _moved_clock.append(travel)


def pytest_unconfigure(config):
    while _moved_clock:
        _moved_clock.pop().stop()


def pytest_report_header(config):
    if _moved_clock:
        return f"clock moved by {CLOCK_VARIABLE}: today is {dt.date.today().isoformat()}"
    return None


@pytest.fixture(autouse=True)
def _page_cache_off(settings):
    """The page cache is off unless a test turns it on (`page_cache_on`): content tests change
    rows directly and count queries, which a cached response would hide. The local-memory
    cache is also emptied so that nothing a test stored leaks into the next one."""
    settings.PAGE_CACHE_ENABLED = False
    _clear_local_caches()
    yield
    _clear_local_caches()


def _clear_local_caches():
    # Only local-memory caches: a shared Redis (CACHE_URL) may hold other people's keys.
    for cache in caches.all(initialized_only=True):
        if isinstance(cache, LocMemCache):
            cache.clear()


@pytest.fixture
def page_cache_on(settings):
    """Turn the anonymous page cache on for one test, in a key namespace of its own (not
    cache.clear(): with CACHE_URL pointing at a shared Redis, that would flush everyone's keys)."""
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_NAMESPACE = f"pagecache-test-{uuid.uuid4().hex}"
    return settings


@pytest.fixture
def home(db):
    """The International's home page as the default site's root, with its contact settings."""
    return make_home()


def make_home():
    """The `home` fixture's work, for module-scoped fixtures that build their tree once."""
    root = Page.get_first_root_node()
    if root is None:
        # Transactional tests flush every table, Wagtail's root page included.
        Locale.objects.get_or_create(
            language_code=get_supported_content_language_variant(django_settings.LANGUAGE_CODE)
        )
        ContentType.objects.clear_cache()  # its cached ids went with the flush
        root = Page.add_root(
            instance=Page(title="Root", slug="root", content_type=_page_content_type())
        )
    # Wagtail's migration leaves a placeholder page and site; replace them like load_demo does.
    Site.objects.all().delete()
    for child in root.get_children():
        child.delete()
    home = HomePageFactory(parent=root, slug="home", title="Office and Professional Employees")
    site = Site.objects.create(
        hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="OPEIU"
    )
    settings = SiteSettings.for_site(site)
    settings.address = "80 Eighth Avenue, Suite 201\nNew York, NY 10011"
    settings.phone = "(800) 346-7348"
    settings.save()
    return home


def _page_content_type():
    return ContentType.objects.get_for_model(Page)


@pytest.fixture
def site(home):
    return Site.objects.get(root_page=home)


ROOT = Path(__file__).resolve().parent.parent


def require_tool(available, what):
    """Skip a test whose outside tool is missing, except in CI (CI=true), where it must run."""
    if available:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{what} is required in CI but is not installed")
    pytest.skip(f"{what} is not installed")


@pytest.fixture(scope="session")
def node_modules():
    """The repo's node_modules (axe-core, ical.js from package-lock.json), with node on PATH."""
    path = ROOT / "node_modules"
    require_tool(
        shutil.which("node") is not None and (path / ".installed").exists(),
        "node with the repo's node_modules (make install)",
    )
    return path
