"""The `clock` marker, required where a test makes the project read today's date.

CI runs the suite once on the real day and then runs the tests marked `clock` again with the
clock moved years ahead (OPEIU_TEST_CLOCK, tests/conftest.py), so a test that only passes in
the year it was written fails now rather than when the calendar gets there. That second pass
is only as good as the marking, so the marking is checked, not trusted: while the suite runs,
`django.utils.timezone.now` is wrapped, and a call made by the project's own code (the apps,
the demo, the tests and their factories; not Django's or Wagtail's internals, which stamp
revisions and sessions whatever the day) is a *clock read*. An unmarked test fails when a
clock read is made

- by the test itself or its function-scoped fixtures,
- by a wider-scoped fixture it uses (remembered per fixture, so the answer does not depend on
  which test happened to set the fixture up first on an xdist worker), or
- at import time of its module (a module-level date).

`timezone.localdate()`, `localtime()` and everything in the apps go through `timezone.now()`;
`date.today()` and `datetime.now()` do not, so tests/test_clock_reads.py forbids them in the
project's code (use `timezone.localdate()` and `timezone.now()`).
"""

import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.utils import timezone

ROOT = Path(__file__).resolve().parent.parent
# The folders whose code counts as the project's (tests/test_clock_reads.py adds a temporary one).
PROJECT_ROOTS = [str(ROOT)]
_TIMEZONE_MODULE = timezone.__file__
_VENV_MARKERS = ("site-packages", f"{Path(sys.prefix).name}/lib")

# Where clock reads are being counted now: a test's nodeid, ("fixture", name), ("module", path)
_context = [None]
_reads_by_test = set()
_fixtures_that_read = set()
_modules_that_read = set()
_is_project_file = {}


def _project_file(filename):
    known = _is_project_file.get(filename)
    if known is None:
        known = filename.startswith(tuple(PROJECT_ROOTS)) and not any(
            marker in filename for marker in _VENV_MARKERS
        )
        _is_project_file[filename] = known
    return known


def _record_read():
    frame = sys._getframe(2)
    while frame is not None and frame.f_code.co_filename == _TIMEZONE_MODULE:
        frame = frame.f_back  # localdate() -> localtime() -> now()
    if frame is None or not _project_file(frame.f_code.co_filename):
        return
    context = _context[-1]
    if context is None:
        return
    kind = context[0]
    if kind == "test":
        _reads_by_test.add(context[1])
    elif kind == "fixture":
        _fixtures_that_read.add(context[1])
    elif kind == "module":
        _modules_that_read.add(context[1])


def install():
    original = timezone.now
    if getattr(original, "_counts_clock_reads", False):
        return

    def now():
        _record_read()
        return original()

    now._counts_clock_reads = True
    timezone.now = now


def _fixture_key(fixturedef):
    return (fixturedef.argname, fixturedef.baseid)


@contextmanager
def _counting_for(context):
    """Clock reads inside the block count for `context` (None: they count for nobody)."""
    _context.append(context)
    try:
        yield
    finally:
        _context.pop()


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector):
    is_module = isinstance(collector, pytest.Module)
    with _counting_for(("module", str(collector.path)) if is_module else _context[-1]):
        yield


@pytest.hookimpl(hookwrapper=True)
def pytest_fixture_setup(fixturedef, request):
    wide = fixturedef.scope != "function"
    with _counting_for(("fixture", _fixture_key(fixturedef)) if wide else _context[-1]):
        yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    with _counting_for(("test", item.nodeid)):
        yield


def _reasons(item):
    reasons = []
    if item.nodeid in _reads_by_test:
        reasons.append("the test or one of its fixtures reads it")
    if str(item.path) in _modules_that_read:
        reasons.append("its module reads it at import time")
    for fixturedef in _used_fixture_defs(item):
        if _fixture_key(fixturedef) in _fixtures_that_read:
            reasons.append(f"its {fixturedef.scope}-scoped fixture '{fixturedef.argname}' reads it")
    return reasons


def _used_fixture_defs(item):
    info = getattr(item, "_fixtureinfo", None)
    if info is None:
        return []
    found = []
    for name in info.names_closure:
        found.extend(info.name2fixturedefs.get(name, ()))
    return [fixturedef for fixturedef in found if fixturedef.scope != "function"]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    if call.when != "teardown" or item.get_closest_marker("clock"):
        return
    reasons = _reasons(item)
    report = outcome.get_result()
    if reasons and report.passed:
        report.outcome = "failed"
        report.longrepr = (
            f"{item.nodeid} makes the project read today's date ({'; '.join(reasons)}) but is "
            "not marked @pytest.mark.clock: mark it (or its module: pytestmark), so that CI "
            "runs it again with the clock moved (tests/clock.py)."
        )


def pytest_configure(config):
    install()
