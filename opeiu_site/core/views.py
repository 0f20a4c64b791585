import posixpath

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import Http404, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.static import serve as serve_file
from wagtail import views as wagtail_views

from . import page_tree

# Folders of MEDIA_ROOT never served as plain files: Wagtail's document view serves documents
# (privacy of their collection, download headers, nosniff).
PRIVATE_MEDIA_FOLDERS = ("documents",)


def serve_media(request, path):
    """/media/<path> when SERVE_MEDIA is on (development, the `make run` demo): images and
    renditions, never documents (404: their URL is /documents/<id>/<file name>)."""
    normalised = posixpath.normpath(path.replace("\\", "/")).lstrip("/")
    if normalised.split("/", 1)[0] in PRIVATE_MEDIA_FOLDERS:
        raise Http404("Documents are served by /documents/")
    return serve_file(request, normalised, document_root=settings.MEDIA_ROOT)


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
