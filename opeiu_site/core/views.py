from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from wagtail import views as wagtail_views

from . import page_tree


def serve(request, path):
    """Wagtail's page view, with the route found by `page_tree.route` (a fixed number of
    queries however deep the page is) before Wagtail's own serve takes over."""
    if not hasattr(request, "_wagtail_route_for_request"):
        request._wagtail_route_for_request = page_tree.route(request, path)
    return wagtail_views.serve(request, path)


@never_cache
def healthz(request):
    """200 when the database answers a round-trip, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")
