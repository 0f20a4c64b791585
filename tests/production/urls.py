"""The site's URLs plus two plain views, for cache tests of non-page views."""

from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import path

from opeiu_site.ops.page_cache import cache_public
from opeiu_site.urls import urlpatterns as site_urlpatterns


@cache_public
def public_form(request):
    """Opted into the cache, but renders a CSRF token like every form page does."""
    return HttpResponse(f'<form method="post"><input name="csrf" value="{get_token(request)}">')


@cache_public
def public_listing(request):
    return HttpResponse("a listing")


urlpatterns = [
    path("test-form/", public_form),
    path("test-listing/", public_listing),
    *site_urlpatterns,
]
