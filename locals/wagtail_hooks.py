"""Admin hooks that keep each local's staff inside their local (policy: admin_scope.py).

Views Wagtail gives no hook for are overridden in admin_views.py / admin_urls.py.
"""

from django.core.exceptions import PermissionDenied
from wagtail import hooks
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet

from . import admin_scope


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
