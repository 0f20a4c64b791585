"""Benchmark: a local's roster of 100,000 members (a generated CSV, about 13 MB), previewed and
applied the way the admin does it (members.roster: read, plan, apply in one transaction), then
the next month's export of the same roster (2% gone, 1% lapsed, 5% changed, 1% new) previewed
and applied. The goal: each import, preview and confirmation together, in under a minute.

    DEBUG=True DATABASE_URL=sqlite:////tmp/roster-bench.sqlite3 \\
        .venv/bin/python -m bench.roster_import

The admin reads and plans the file twice (the preview, then again at the confirmation, which
must apply what it shows): "preview + confirm" below counts both plans and the apply.
Prints the command, the machine's load, the seconds of each step (wall clock, and the CPU
time of this process, which a busy machine does not inflate) and the SQL queries."""

import csv
import io
import os
import random
import sys
import time

ROWS = 100_000
FIRST = ["Ana", "Ben", "Cleo", "Dev", "Eva", "Gil", "Hana", "Ivo", "Jo", "Kai", "Lou", "Mia"]
LAST = ["Lopez", "Okoro", "Park", "Shah", "Berg", "Moe", "Xiong", "Aho", "Nguyen", "Hagen"]
EMPLOYERS = [(f"Employer {n}", f"Unit {n % 7}", f"Worksite {n}, City {n % 40}") for n in range(300)]


def member_rows(count, seed=24):
    rng = random.Random(seed)
    rows = []
    for number in range(count):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        employer, unit, site = rng.choice(EMPLOYERS)
        status = "retired" if number % 40 == 0 else "active"
        rows.append(
            [
                f"12-{number:07}",
                first,
                last,
                f"{first}.{last}.{number}@example.org".lower(),
                f"651-555-{number % 10000:04}",
                employer,
                unit,
                site,
                f"55{number % 1000:03}",
                status,
            ]
        )
    return rows


def next_month(rows):
    """2% left the file, 1% lapsed, 5% changed employer or email, 1% new members."""
    kept = []
    for index, row in enumerate(rows):
        if index % 50 == 1:
            continue
        row = list(row)
        if index % 100 == 2:
            row[9] = "lapsed"
        elif index % 20 == 3:
            row[5], row[3] = "Employer 999", row[3].replace("@", ".new@")
        kept.append(row)
    kept += member_rows(ROWS // 100, seed=99)
    for index, row in enumerate(kept[-(ROWS // 100) :]):
        row[0] = f"12-9{index:06}"
    return kept


def to_csv(rows):
    # The demo roster's headings (a membership system's export), read after django.setup():
    # demo.members imports models.
    from demo.members import HEADINGS

    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(HEADINGS)
    writer.writerows(rows)
    return out.getvalue().encode()


def _load():
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opeiu_site.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Page

    from locals.models import LocalIndexPage, LocalPage
    from members import roster
    from members.models import RosterEntry
    from opeiu_site.home.models import HomePage

    print("command:", " ".join([sys.executable, "-m", "bench.roster_import"]))
    print("database:", connection.vendor, connection.settings_dict["NAME"])
    print(f"cpus: {os.cpu_count()}, load average before: {_load()}")
    call_command("migrate", verbosity=0)
    root = Page.get_first_root_node()
    home = HomePage.objects.first() or root.add_child(
        instance=HomePage(title="Bench home", slug="bench-home")
    )
    index = LocalIndexPage.objects.first() or home.add_child(
        instance=LocalIndexPage(title="Find your local", slug="locals")
    )
    for old in LocalPage.objects.filter(slug="local-9912"):
        old.delete()
    local = index.add_child(
        instance=LocalPage(title="Bench Local 9912", slug="local-9912", number=9912)
    )
    first = member_rows(ROWS)
    files = [("first import", to_csv(first)), ("next month", to_csv(next_month(first)))]
    for label, data in files:
        with CaptureQueriesContext(connection) as planned:
            began, cpu = time.perf_counter(), time.process_time()
            roster_file = roster.read_roster_file(data, "roster.csv")
            read = time.perf_counter() - began
            mapping = roster.guess_mapping(roster_file.usable_headings)
            plan = roster.make_plan(local, roster_file, mapping)
            preview = time.perf_counter() - began
            preview_cpu = time.process_time() - cpu
        with CaptureQueriesContext(connection) as applied:
            began, cpu = time.perf_counter(), time.process_time()
            roster.apply_plan(local, plan, file_name="bench.csv")
            apply = time.perf_counter() - began
            apply_cpu = time.process_time() - cpu
        total = 2 * preview + apply
        print(
            f"{label}: {len(roster_file.rows):,} rows, {len(data) / 1e6:.1f} MB; "
            f"read {read:.2f} s, read+plan (one preview) {preview:.2f} s "
            f"({len(planned)} queries), apply {apply:.2f} s ({len(applied)} queries); "
            f"preview + confirm {total:.1f} s (this process's CPU: "
            f"{2 * preview_cpu + apply_cpu:.1f} s); {plan.counts}"
        )
    print(f"roster rows: {RosterEntry.objects.filter(local=local).count():,}")
    print(f"load average after: {_load()}")
    local.delete()
    return 0


if __name__ == "__main__":
    sys.exit(main())
