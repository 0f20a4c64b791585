"""Queries and render time of each public page type, in-process through Django's test client.

    DATABASE_URL=... python -m bench.queries            # a table: queries and ms per URL
    DATABASE_URL=... python -m bench.queries --sql /    # also print the SQL of these URLs
    DATABASE_URL=... python -m bench.queries -n 50 / /locals/local-12/

The page cache is off. Each URL is measured cold (the fragment cache emptied before each
render) and warm (its cached fragments reused; bench/measure.py): fetched once to warm
Wagtail's renditions and Python's imports, then `-n` times (default 20): the median wall-clock
time and the median CPU time of this process (on SQLite the database work is in-process too).
On a shared, loaded machine the CPU time is the steadier figure; compare runs taken side by
side.
"""

import argparse
import os


def public_urls():
    """One URL of each public page type (and the feeds, search and sitemap) in the database."""
    from wagtail.models import Page

    urls, seen = ["/"], set()
    for page in Page.objects.live().public().specific().order_by("path"):
        kind = type(page).__name__
        if kind in seen or kind == "Page" or page.depth < 2:
            continue
        seen.add(kind)
        url = page.url
        if url and url not in urls:
            urls.append(url)
        if kind == "NewsIndexPage":
            urls += [url + "rss/", url + "atom/"]
        if kind in ("EventIndexPage", "MeetingSeriesPage", "EventPage"):
            urls.append(url + "calendar.ics")
    # The International's own news and calendar, besides the first of each type (a local's).
    urls += [url for url in ("/news/", "/events/") if url not in urls]
    return urls + ["/search/?q=union", "/sitemap.xml"]


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opeiu_site.settings")
    os.environ.setdefault("PAGE_CACHE_ENABLED", "False")
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    from bench.measure import render_figures

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("urls", nargs="*")
    parser.add_argument("-n", type=int, default=20, help="renders per URL for the time")
    parser.add_argument("--sql", action="store_true", help="print each query")
    args = parser.parse_args()
    settings.PAGE_CACHE_ENABLED = False
    settings.DEBUG = False  # as in production and in tests: no query log outside the capture
    client = Client(HTTP_HOST="localhost")
    print(
        f"{'URL':50} {'cold: queries':>13} {'wall ms':>8} {'CPU ms':>7}"
        f" {'warm: queries':>13} {'CPU ms':>7}"
    )
    for url in args.urls or public_urls():
        cold = render_figures(client, url, "cold", args.n)
        if cold["status"] != 200:
            print(f"{url:50} status {cold['status']}")
            continue
        warm = render_figures(client, url, "warm", args.n)
        print(
            f"{url:50} {cold['queries']:>13} {cold['ms']:>8.1f} {cold['cpu_ms']:>7.1f}"
            f" {warm['queries']:>13} {warm['cpu_ms']:>7.1f}"
        )
        if args.sql:
            for label, figures in (("cold", cold), ("warm", warm)):
                print(f"  {label}:")
                for sql in figures["sql"]:
                    print("    ", sql[:400])


if __name__ == "__main__":
    main()
