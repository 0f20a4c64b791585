"""Admin hooks that keep each local's staff inside their local (policy: admin_scope.py).

Views Wagtail gives no hook for are overridden in admin_views.py / admin_urls.py. The
dashboard, the "New local" view and the guards on deleting a local register their hooks in
admin/hooks.py, imported here so that Wagtail finds them.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseForbidden
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.models import Page, ReferenceIndex

from . import admin_scope
from .admin import hooks as _dashboard_hooks  # noqa: F401 (registers the dashboard's hooks)


@hooks.register("construct_page_chooser_queryset")
def scope_page_chooser(pages, request):
    """The page chooser (browse and search) offers the user's own sections and the pages
    anyone may visit, under their live titles."""
    return admin_scope.with_live_titles(
        request.user, admin_scope.linkable_pages(request.user, pages)
    )


@hooks.register("before_move_page")
def refuse_foreign_move(request, page, destination):
    """Wagtail's move confirmation page (GET) checks no permission; the move (POST) does."""
    if not page.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied


class ScopedImagesAdminAPIViewSet(ImagesAdminAPIViewSet):
    def get_queryset(self):
        return admin_scope.choosable_media(self.request.user, self.model, super().get_queryset())


class ScopedDocumentsAdminAPIViewSet(DocumentsAdminAPIViewSet):
    def get_queryset(self):
        return admin_scope.choosable_media(self.request.user, self.model, super().get_queryset())


# After Wagtail's own registrations (order 0), which these replace.
@hooks.register("construct_admin_api", order=100)
def scope_admin_api(router):
    router.register_endpoint("images", ScopedImagesAdminAPIViewSet)
    router.register_endpoint("documents", ScopedDocumentsAdminAPIViewSet)


# After Wagtail's own check of the document's collection privacy (order 0).
@hooks.register("before_serve_document", order=10)
def follow_linking_pages_privacy(document, request):
    """A document is public unless its collection is restricted (Wagtail checks that) or every
    live page that links it is restricted: then it asks what those pages ask (a page's
    password entered, or a login), so a members-only page's attachment stays members-only.
    A document linked from no live page, or from any public one, stays public."""
    sources = ReferenceIndex.get_references_to(document).filter(
        base_content_type=ContentType.objects.get_for_model(Page)
    )
    pages = Page.objects.live().filter(
        pk__in=[int(pk) for pk in sources.values_list("object_id", flat=True)]
    )
    if not pages.exists() or pages.public().exists():
        return None
    user = request.user
    if admin_scope.choosable_media(user, type(document)).filter(pk=document.pk).exists():
        return None  # its own staff, e.g. checking the link in a preview
    for page in pages:
        if any(restriction.accept_request(request) for restriction in page.get_view_restrictions()):
            return None
    return HttpResponseForbidden(
        _("This document is for members only: open it from the page that links it."),
        content_type="text/plain; charset=utf-8",
    )
