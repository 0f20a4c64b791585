"""Today's date is read through `django.utils.timezone` only, so that tests/clock.py sees every
read: `date.today()`, `datetime.now()`, `datetime.today()` and `datetime.utcnow()` are not used
in the apps, the demo or the tests (use `timezone.localdate()` and `timezone.now()`)."""

import ast
from pathlib import Path

import pytest

from tests import clock

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("actions", "benefits", "contracts", "demo", "events", "locals", "news", "opeiu_site")
FORBIDDEN = {("date", "today"), ("datetime", "now"), ("datetime", "today"), ("datetime", "utcnow")}


def python_files():
    for folder in (*FOLDERS, "tests"):
        yield from sorted((ROOT / folder).rglob("*.py"))


def clock_reads_outside_timezone(path):
    """(line, call) for each `<x>.date.today()`-style call in the file."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        owner = node.func.value
        owner_name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", "")
        if (owner_name, node.func.attr) in FORBIDDEN:
            found.append((node.lineno, f"{owner_name}.{node.func.attr}()"))
    return found


def test_the_date_is_read_through_django_timezone_only():
    problems = [
        f"{path.relative_to(ROOT)}:{line}: {call}"
        for path in python_files()
        for line, call in clock_reads_outside_timezone(path)
    ]
    assert not problems, "use timezone.localdate() / timezone.now():\n" + "\n".join(problems)


def test_the_scan_finds_each_forbidden_call(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import datetime as dt\nfrom datetime import date, datetime\n"
        "a = dt.date.today()\nb = datetime.now(dt.UTC)\nc = date.today()\n"
        "d = dt.datetime.utcnow()\ne = dt.date(2030, 1, 1)\n"
    )
    assert [line for line, _ in clock_reads_outside_timezone(sample)] == [3, 4, 5, 6]


@pytest.mark.clock
def test_an_unmarked_test_that_reads_the_clock_fails(pytester):
    pytester.makeconftest("pytest_plugins = ['tests.clock']\n")
    pytester.makepyfile(
        test_sample="""
        import pytest
        from django.utils import timezone

        def test_unmarked():
            timezone.localdate()

        @pytest.mark.clock
        def test_marked():
            timezone.localdate()

        def test_no_read():
            assert 1 + 1 == 2
        """
    )
    clock.install()
    clock.PROJECT_ROOTS.append(str(pytester.path))
    try:
        result = pytester.runpytest_inprocess(
            "-p", "no:cacheprovider", "-p", "no:xdist", "-p", "no:django"
        )
    finally:
        clock.PROJECT_ROOTS.remove(str(pytester.path))
        clock._is_project_file.clear()
    result.assert_outcomes(passed=3, errors=1)
    result.stdout.fnmatch_lines(["*test_unmarked makes the project read today's date*"])
