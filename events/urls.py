"""`.../calendar.ics` under any calendar, series or event page.

Wagtail's page URLs only match slugs ending in "/", so the feed URL is caught here and handed to
Wagtail's own serve view, which routes it to the page (see the pages' `route`) after the usual
before_serve_page hooks (privacy restrictions apply to feeds too)."""

from django.urls import re_path

from opeiu_site.core import views as core_views


def feed(request, path):
    return core_views.serve(request, path + "calendar.ics")


urlpatterns = [
    re_path(r"^((?:[\w\-]+/)*)calendar\.ics$", feed, name="events_feed"),
]
