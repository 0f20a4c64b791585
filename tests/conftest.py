import datetime as dt
import os
import shutil
import uuid
from pathlib import Path

import pytest
import time_machine
from asgiref.local import Local
from django.conf import settings as django_settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.signals import setting_changed
from django.db import connections
from django.test.client import Client
from django.utils import timezone
from pytest_django.plugin import blocking_manager_key
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from opeiu_site.core.models import SiteSettings
from tests.db import demo_loaded
from tests.factories import HomePageFactory
from tests.worker import TaskWorker, shared_database, worker_env

# The `clock` marker is required where a test makes the project read today's date.
pytest_plugins = ["tests.clock", "tests.smtp"]


def _login_with_both_factors(login):
    """The test client's force_login() and login() skip every sign-in step, the second factor
    included: the session they make counts as one that passed it (members/mfa.py), as a staff
    sign-in through allauth does. Tests of the door itself sign in through the real pages, or
    use `Client._login_first_factor_only` (tests/members/test_staff_mfa.py)."""

    def _login(self, user, backend=None):
        from members.mfa import SESSION_KEY

        login(self, user, backend)
        session = self.session
        session[SESSION_KEY] = str(user.pk)
        session.save()

    return _login


Client._login_first_factor_only = Client._login
Client._login = _login_with_both_factors(Client._login)

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
        return f"clock moved by {CLOCK_VARIABLE}: today is {timezone.now().date().isoformat()}"
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


def _is_transactional(item):
    marker = item.get_closest_marker("django_db")
    return bool(
        {"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ()))
        or (marker and marker.kwargs.get("transaction"))
    ), bool(marker and marker.kwargs.get("serialized_rollback"))


def pytest_runtest_setup(item):
    transactional, serialized = _is_transactional(item)
    if transactional and not serialized:
        pytest.fail(
            "a transactional test must be marked "
            "@pytest.mark.django_db(transaction=True, serialized_rollback=True) (tests/conftest.py)"
        )


def _file_of(item):
    return item.nodeid.split("::", 1)[0]  # xdist's work unit under --dist loadfile


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Files that start servers or Chromium first, then the others, larger files first.

    xdist (`--dist loadfile`) hands the files out in this order (pyproject.toml turns off its
    own reordering, `--no-loadscope-reorder`, which puts the files with the most tests first:
    a one-test browser journey of minutes came last and ran alone while the other worker sat
    idle). The order inside a file is kept."""
    by_file = {}
    for item in items:
        by_file.setdefault(_file_of(item), []).append(item)

    def weight(path):
        tests = by_file[path]
        heavy = any(t.get_closest_marker("slow") or t.get_closest_marker("browser") for t in tests)
        return (not heavy, -len(tests))

    rank = {path: number for number, path in enumerate(sorted(by_file, key=weight))}
    items.sort(key=lambda item: rank[_file_of(item)])


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test ends by emptying every table, the rows the migrations made (the
    root collection, Wagtail's permissions, the root page) included. Django's runner runs such
    tests last; under xdist a worker may run any file after one, so the rows are put back once
    the test's fixtures are gone (from the copy Django serializes when some test asks for
    serialized_rollback, which every transactional test therefore does)."""
    yield
    if not _is_transactional(item)[0]:
        return
    if nextitem is None:
        # The session's last test: its teardown has destroyed the test database already.
        return
    with item.config.stash[blocking_manager_key].unblock():
        for connection in connections.all(initialized_only=True):
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents:
                connection.creation.deserialize_db_from_string(contents)
    ContentType.objects.clear_cache()


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


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo content (`manage.py load_demo`) loaded once for the whole module and rolled
    back after it (tests/db.py), its files in a temporary MEDIA_ROOT. Tests use it with `db`:
    what a test changes is rolled back after that test."""
    with demo_loaded(django_db_blocker, tmp_path_factory.mktemp("demo-media")):
        yield


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    """The folder where the run's demo site is built once (tests/servers.py copy_demo_build):
    shared by the xdist workers of one run (their temp folders' parent), never by two runs."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent
    return base / "demo-build"


@pytest.fixture(scope="session")
def node_modules():
    """The repo's node_modules (axe-core, ical.js from package-lock.json), with node on PATH."""
    path = ROOT / "node_modules"
    require_tool(
        shutil.which("node") is not None and (path / ".installed").exists(),
        "node with the repo's node_modules (make install)",
    )
    return path


MARKER_GROUPS = ("browser", "slow", "clock")


def pytest_terminal_summary(terminalreporter):
    """How many tests ran, by marker: CI prints it for each database, so that a run that
    quietly left tests out shows (the total may only grow)."""
    counts = {}
    for outcome in ("passed", "failed", "skipped", "error"):
        for report in terminalreporter.stats.get(outcome, []):
            if getattr(report, "when", "call") != "call" and outcome != "error":
                continue
            keywords = getattr(report, "keywords", {})
            for group in (*[m for m in MARKER_GROUPS if m in keywords], "all"):
                counts.setdefault(group, {}).setdefault(outcome, 0)
                counts[group][outcome] += 1
    if not counts:
        return
    database = django_settings.DATABASES["default"]["ENGINE"].rpartition(".")[2]
    terminalreporter.section(f"tests run by marker ({database})")
    for group in (*MARKER_GROUPS, "all"):
        outcomes = counts.get(group, {})
        text = ", ".join(f"{n} {outcome}" for outcome, n in sorted(outcomes.items())) or "none"
        terminalreporter.write_line(f"{group:>8}: {text}")


def _reset_task_backends(setting, **kwargs):
    """django.tasks keeps its backends once made: a test that changes TASKS gets new ones."""
    if setting == "TASKS":
        from django.tasks import task_backends

        task_backends.__dict__.pop("settings", None)
        task_backends._connections = Local(task_backends.thread_critical)


setting_changed.connect(_reset_task_backends, dispatch_uid="tests-reset-task-backends")


@pytest.fixture
def task_worker(transactional_db, tmp_path, settings):
    """Start the real task worker on this test's database (tests/worker.py): call it with
    settings for the worker's environment (`task_worker(CONTRACTS_PDF_MAX_SECONDS="2")`); from
    this fixture on, the test's own enqueues go to the database queue it polls. Stopped, and
    the test's queue and database restored, at the end of the test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {
        **settings.TASKS,
        "worker": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
    }
    workers = []

    def start(**environment):
        directory = tmp_path / f"worker-{len(workers)}"
        directory.mkdir()
        worker = TaskWorker(worker_env(directory, url, settings.MEDIA_ROOT, **environment))
        workers.append(worker)
        return worker.start()

    with shared_database(tmp_path) as url:
        try:
            yield start
        finally:
            for worker in workers:
                worker.stop()
