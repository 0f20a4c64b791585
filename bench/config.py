"""What `make bench` measures. Extend TARGETS at merge time: a target is a name and either a
fixed path or a function returning one from the database (None = not built yet, shown as n/a).
"""

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

# The static-file reference: served by whitenoise from the site's own gunicorn.
STATIC_REFERENCE = "css/site.css"
