"""Large data sets for the benchmark, built by pluggable builders.

Each content app registers a builder here (or in bench/builders_<app>.py imported below):

    @builder("news posts", order=40)
    def news_posts(scale, progress):
        bar = progress("news posts", 10_000 * scale)
        for ...:
            ...; bar.update()

Builders run in `order`, inside one cache-invalidation pause, after `load_demo`. `scale` is
BENCH_SCALE (1 = the issue's size: 10,000 news posts, 300 locals, 100 meeting series, 50,000
occurrences). Run with `python -m bench.dataset --scale 1`.
"""

import argparse
import importlib
import os
import sys
import time

BUILDERS = []


def builder(name, order=100):
    def register(function):
        BUILDERS.append((order, name, function))
        BUILDERS.sort(key=lambda entry: entry[0])
        return function

    return register


class Progress:
    """A progress bar on stderr: `label [#####.....] 512/1000 12.3 s`."""

    def __init__(self, label, total, width=30):
        self.label, self.total, self.width = label, max(total, 1), width
        self.done = 0
        self.started = time.monotonic()
        self._last_drawn = 0.0

    def update(self, count=1):
        self.done += count
        now = time.monotonic()
        if now - self._last_drawn > 0.2 or self.done >= self.total:
            self._last_drawn = now
            filled = int(self.width * min(self.done, self.total) / self.total)
            bar = "#" * filled + "." * (self.width - filled)
            sys.stderr.write(
                f"\r  {self.label:<22} [{bar}] {self.done}/{self.total} {now - self.started:.1f} s"
            )
            if self.done >= self.total:
                sys.stderr.write("\n")
            sys.stderr.flush()


# --- builders of the pages every install has (the content apps' are in bench/builders_*.py) ---


@builder("standard pages", order=10)
def standard_pages(scale, progress):
    """About-style pages under one parent: a wide menu-less subtree, like a local's pages."""
    from demo.helpers import ensure_page
    from opeiu_site.home.models import HomePage, StandardPage

    home = HomePage.objects.first()
    parent, _ = ensure_page(home, StandardPage, "bench-archive", title="Archive")
    existing = parent.get_children().count()
    total = 300 * scale
    bar = progress("standard pages", total)
    bar.update(existing)
    for number in range(existing, total):
        page = StandardPage(
            title=f"Archived notice {number}",
            slug=f"notice-{number}",
            intro="A notice kept for the record.",
            body=[("paragraph", f"<p>Notice number {number}, kept for the record.</p>")],
        )
        parent.add_child(instance=page)
        page.save_revision().publish()
        bar.update()


# Builders of the content apps, one module each, registered when they exist.
OPTIONAL_BUILDER_MODULES = [
    "bench.builders_locals",
    "bench.builders_news",
    "bench.builders_events",
    "bench.builders_benefits",
    "bench.builders_actions",
]


def _load_optional_builders():
    for name in OPTIONAL_BUILDER_MODULES:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise


def build(scale):
    from opeiu_site.ops.page_cache import invalidation_paused

    _load_optional_builders()
    with invalidation_paused():
        for _, name, function in BUILDERS:
            print(f"Building {name} ...", file=sys.stderr)
            function(scale, Progress)
    _analyze()


def _analyze():
    """Refresh PostgreSQL's planner statistics after the bulk load, as autovacuum would a
    minute later in production. Without them (autovacuum is off on some machines, and never
    ran yet right after a load) the planner takes the thousands of new pages for a handful:
    the `live_public` NOT EXISTS then rescans the page table per row, 11-37 s a query on
    this data set (seen in the first full PostgreSQL run) instead of under a millisecond."""
    from django.db import connection

    if connection.vendor == "postgresql":
        print("ANALYZE (planner statistics) ...", file=sys.stderr)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=int(os.environ.get("BENCH_SCALE", "1")))
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opeiu_site.settings")
    import django

    django.setup()
    # Run as `python -m bench.dataset`, this file is __main__; the builder modules register
    # with `bench.dataset`, so build from that module's registry.
    from bench import dataset

    dataset.build(args.scale)


if __name__ == "__main__":
    main()
