from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.models import Site

from members import signin_views
from opeiu_site.core import cache_tags
from opeiu_site.core import seo as core_seo
from opeiu_site.core import views as core_views
from opeiu_site.home import search as home_search
from opeiu_site.ops import security
from opeiu_site.ops.page_cache import cache_public


def _site_tags(tag):
    """The cache tag of a whole-site listing (search results, sitemap) for the request's site."""

    def tags(request):
        site = Site.find_for_request(request)
        return [tag(site)] if site is not None else []

    return tags


urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    # Sign-in (members.signin_urls: django-allauth). Wagtail's admin login and front-end
    # password login send there: one way in, with the second factor for staff (members/mfa.py).
    path("accounts/", include("members.signin_urls")),
    path("admin/login/", signin_views.admin_login, name="wagtailadmin_login"),
    path("_util/login/", signin_views.frontend_login, name="wagtailcore_login"),
    # Admin views narrowed to the user's own local (locals/admin_urls.py), then Wagtail's admin.
    path("admin/", include("locals.admin_urls")),
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's document-password form, limited like the page one (before Wagtail's own route).
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        security.authenticate_document_with_password,
        name="document_password",
    ),
    path("documents/", include(wagtaildocs_urls)),
    path(
        "search/",
        cache_public(home_search.search, tags=_site_tags(cache_tags.search)),
        name="search",
    ),
    path(
        "sitemap.xml",
        cache_public(sitemap, tags=_site_tags(cache_tags.sitemap)),
        {"sitemaps": {"wagtail": core_seo.PageSitemap}},
        name="sitemap",
    ),
    path("robots.txt", core_seo.robots_txt, name="robots_txt"),
    # Wagtail's page-password form, limited per client address (before Wagtail's own route).
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        security.authenticate_with_password,
        name="page_password",
    ),
]

if settings.SERVE_MEDIA:
    # Never documents: they go through Wagtail's document view (/documents/<id>/<name>), which
    # applies collection privacy and the download-only headers (docs/admin-isolation.md).
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns.append(
        re_path(rf"^{media_prefix}(?P<path>.*)$", core_views.serve_media, name="media")
    )

# A member's own pages: "My union", their personal calendar feed, "My data" (members app).
urlpatterns.append(path("my-union/", include("members.urls")))
# Email alerts: subscribe, confirm and unsubscribe (never cached; alerts/views.py).
urlpatterns.append(path("alerts/", include("alerts.urls")))

# iCal feeds (".../calendar.ics") of calendars, series and events, before Wagtail's pages.
urlpatterns.append(path("", include("events.urls")))
urlpatterns.append(path("", include("registrations.urls")))

# Wagtail serves everything else from the page tree; this must stay last. Its password and
# login views as they are; its page view through core's, which routes in a fixed number of
# queries (opeiu_site/core/page_tree.py).
urlpatterns += [
    path("", include([p for p in wagtail_urls.urlpatterns if p.name != "wagtail_serve"])),
    re_path(wagtail_urls.serve_pattern, core_views.serve, name="wagtail_serve"),
]
