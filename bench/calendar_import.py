"""Benchmark: import a 600-event iCalendar file (about 558 kB, like the one of issue 28) into a
calendar, published, the way the admin does (plan, then apply), again (nothing changed), and
once more with every title changed (600 updates).

    DEBUG=True DATABASE_URL=sqlite:////tmp/cal-bench.sqlite3 \
        .venv/bin/python -m bench.calendar_import

Prints the seconds for the plan, the apply and the re-import, and the SQL queries each ran."""

import datetime as dt
import os
import sys
import time

EVENTS = 600
DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
DESCRIPTION = (
    "Monthly membership meeting of the local. Dinner at 5:30 pm, the meeting at 6. Agenda: "
    "officers' reports, the bargaining update, grievances, the budget and new business. "
    "Members only; bring your card. Childcare in the small hall; ask the office by Friday. "
) * 3


def build_file(events=EVENTS, year=2027):
    """An export like The Events Calendar's: one VEVENT per date (a few series with overrides
    among them), each with a long description and a street address."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//bench//EN"]
    start = dt.datetime(year, 1, 4, 18)
    for number in range(events):
        moment = start + dt.timedelta(days=number // 3, hours=number % 3)
        lines += [
            "BEGIN:VEVENT",
            f"UID:bench-{number}@example.org",
            "DTSTAMP:20261201T000000Z",
            f"DTSTART;TZID=America/Chicago:{moment:%Y%m%dT%H%M%S}",
            f"DTEND;TZID=America/Chicago:{moment + dt.timedelta(minutes=90):%Y%m%dT%H%M%S}",
            f"SUMMARY:Meeting number {number}",
            f"DESCRIPTION:{DESCRIPTION[:620]}",
            f"LOCATION:Union Hall {number % 20}\\, {100 + number % 20} Broadway St NE\\, "
            "Minneapolis\\, MN 55413",
        ]
        if number % 50 == 0:  # every 50th is a weekly series
            lines.append(f"RRULE:FREQ=WEEKLY;BYDAY={DAYS[moment.weekday()]}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    folded = []
    for line in lines:
        data = line.encode()
        while len(data) > 75:
            folded.append(data[:75])
            data = b" " + data[75:]
        folded.append(data)
    return b"\r\n".join(folded) + b"\r\n"


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opeiu_site.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Page

    from events.importer import apply, make_plan
    from events.models import EventIndexPage, Occurrence
    from opeiu_site.home.models import HomePage

    call_command("migrate", verbosity=0)
    root = Page.get_first_root_node()
    home = HomePage.objects.first() or root.add_child(
        instance=HomePage(title="Bench home", slug="bench-home")
    )
    for old in EventIndexPage.objects.filter(slug="bench-import"):
        old.delete()
    calendar = home.add_child(instance=EventIndexPage(title="Bench import", slug="bench-import"))
    data = build_file()
    print(f"{EVENTS} events, {len(data) / 1000:.0f} kB")
    today = dt.date(2026, 12, 1)
    changed = data.replace(b"SUMMARY:Meeting number", b"SUMMARY:Meeting no.")
    for label, content in (("first import", data), ("re-import", data), ("all changed", changed)):
        with CaptureQueriesContext(connection) as planned:
            began = time.perf_counter()
            plan = make_plan(content, calendar, today)
            plan_seconds = time.perf_counter() - began
        with CaptureQueriesContext(connection) as applied:
            began = time.perf_counter()
            apply(plan, publish=True)
            apply_seconds = time.perf_counter() - began
        print(
            f"{label}: plan {plan_seconds:.2f} s ({len(planned)} queries), apply "
            f"{apply_seconds:.2f} s ({len(applied)} queries), "
            f"{EVENTS / (plan_seconds + apply_seconds):.0f} events/s; {plan.totals}; "
            f"{Occurrence.objects.filter(calendar_id=calendar.pk).count()} occurrences"
        )
    calendar.delete()
    return 0


if __name__ == "__main__":
    sys.exit(main())
