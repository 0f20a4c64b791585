"""Dates in one format on every public page: the long_date and short_date filters, and no
public template writing a day-and-month date its own way."""

import datetime as dt
import re
import zoneinfo

from django.template import Context, Template
from django.utils import timezone

from tests.servers import ROOT

# A date pattern that shows a day of the month (d, j) with a month (F, M, N, b, m, n).
DAY_AND_MONTH = re.compile(r'\|date:["\'](?=[^"\']*[dj])(?=[^"\']*[FMNbmn])[^"\']*["\']')


def render(source, **context):
    return Template("{% load date_tags %}" + source).render(Context(context))


def test_long_and_short_dates():
    day = dt.date(2027, 1, 5)
    assert render("{{ d|long_date }}", d=day) == "Tuesday, January 5, 2027"
    assert render("{{ d|short_date }}", d=day) == "Jan 5, 2027"
    assert render("[{{ d|long_date }}{{ d|short_date }}]", d=None) == "[]"
    assert render("[{{ d|short_date }}]", d="2027-01-05") == "[]"


def test_an_aware_datetime_is_dated_where_it_is_shown():
    # 03:30 UTC on the 6th is still the 5th in Minnesota.
    moment = dt.datetime(2027, 1, 6, 3, 30, tzinfo=dt.UTC)
    with timezone.override(zoneinfo.ZoneInfo("America/Chicago")):
        assert render("{{ m|short_date }}", m=moment) == "Jan 5, 2027"
    source = "{% load tz %}{% timezone 'Europe/Paris' %}{{ m|long_date }}{% endtimezone %}"
    assert render(source, m=moment) == "Wednesday, January 6, 2027"


def test_public_templates_write_dates_only_through_the_filters():
    offenders = []
    for path in sorted((ROOT / "templates").rglob("*.html")):
        if "admin" in path.relative_to(ROOT / "templates").parts:
            continue  # the admin's compact dates are for staff
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for match in DAY_AND_MONTH.findall(line):
                if match[7:-1] not in ("c", "Y-m-d"):  # machine-readable datetime attributes
                    offenders.append(f"{path.relative_to(ROOT)}:{number}: {match}")
    assert not offenders, "use |long_date or |short_date:\n" + "\n".join(offenders)
