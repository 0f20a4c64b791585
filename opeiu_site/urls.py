from django.conf import settings
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from opeiu_site.core import seo as core_seo
from opeiu_site.core import views as core_views
from opeiu_site.home import search as home_search

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    # Admin views narrowed to the user's own local (locals/admin_urls.py), then Wagtail's admin.
    path("admin/", include("locals.admin_urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", home_search.search, name="search"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", core_seo.robots_txt, name="robots_txt"),
]

if settings.SERVE_MEDIA:
    # Never documents: they go through Wagtail's document view (/documents/<id>/<name>), which
    # applies collection privacy and the download-only headers (docs/admin-isolation.md).
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns.append(
        re_path(
            rf"^{media_prefix}(?!documents/)(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    )

# iCal feeds (".../calendar.ics") of calendars, series and events, before Wagtail's pages.
urlpatterns.append(path("", include("events.urls")))

# Wagtail serves everything else from the page tree; this must stay last.
urlpatterns.append(path("", include(wagtail_urls)))
