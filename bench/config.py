"""What `make bench` measures. A new page type goes into TARGETS: a target is a name and either a
fixed path or a function returning one from the database (None = not built yet, shown as n/a).
"""

import os
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Target:
    name: str
    path: str | Callable[[], str | None]

    def resolve(self):
        return self.path() if callable(self.path) else self.path


def first_url(model_label, suffix=""):
    """The URL of the live page of this type with the most recent content (or None)."""

    def resolve():
        from django.apps import apps
        from django.core.exceptions import ImproperlyConfigured

        try:
            model = apps.get_model(model_label)
        except (LookupError, ImproperlyConfigured):
            return None
        page = model.objects.live().order_by("-last_published_at", "-pk").first()
        return page.url + suffix if page is not None else None

    return resolve


def local_url(number):
    """The URL of the live local page with this number (the demo's, not a bulk one)."""

    def resolve():
        from locals.models import LocalPage

        page = LocalPage.objects.live().filter(number=number).order_by("pk").first()
        return page.url if page is not None else None

    return resolve


TARGETS = [
    Target("home", "/"),
    Target("standard page", first_url("home.StandardPage")),
    Target("news index", first_url("news.NewsIndexPage")),
    Target("news post", first_url("news.NewsPage")),
    Target("calendar", first_url("events.EventIndexPage")),
    Target("local page", first_url("locals.LocalPage")),
    Target("locals directory", first_url("locals.LocalIndexPage")),
    Target("calendar .ics", first_url("events.EventIndexPage", "calendar.ics")),
    Target("search", "/search/?q=union"),
]


def selected_targets():
    """TARGETS, or those BENCH_TARGETS names (comma-separated) for a shorter run."""
    wanted = [name.strip() for name in os.environ.get("BENCH_TARGETS", "").split(",") if name]
    unknown = set(wanted) - {target.name for target in TARGETS}
    if unknown:
        raise SystemExit(f"BENCH_TARGETS: no target named {', '.join(sorted(unknown))}")
    return [target for target in TARGETS if not wanted or target.name in wanted]


# The editing scenario: these are read while bench/editor.py edits Local 212's page. GOAL_URLS
# must keep their hits and throughput (issue 11); the calendar is read but not held to it.
EDITING_TARGETS = [
    Target("International home", "/"),
    Target("Local 12", local_url(12)),
    Target("calendar", first_url("events.EventIndexPage")),
]
EDITING_GOAL_TARGETS = ("International home", "Local 12")

# The environment that tells the site where Varnish listens, so that a publish purges its
# cache tags there ("{varnish}" becomes the bench's varnishd URL; settings.WAGTAILFRONTENDCACHE).
VARNISH_SITE_ENV = {"VARNISH_PURGE_URL": "{varnish}"}

# The static-file reference: served by whitenoise from the site's own gunicorn.
STATIC_REFERENCE = "css/site.css"
