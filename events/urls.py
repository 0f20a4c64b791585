"""`.../calendar.ics` under any calendar, series or event page; `.../closures.ics` under a
calendar.

Wagtail's page URLs only match slugs ending in "/", so the feed URL is caught here and handed to
Wagtail's own serve view, which routes it to the page (see the pages' `route`) after the usual
before_serve_page hooks (privacy restrictions apply to feeds too)."""

from django.urls import re_path

from opeiu_site.core import views as core_views


def feed(request, path, name="calendar.ics"):
    return core_views.serve(request, path + name)


urlpatterns = [
    re_path(r"^((?:[\w\-]+/)*)calendar\.ics$", feed, name="events_feed"),
    re_path(
        r"^((?:[\w\-]+/)*)closures\.ics$",
        feed,
        {"name": "closures.ics"},
        name="events_closures_feed",
    ),
]
