"""Admin hooks that keep each local's staff inside their local (policy: admin_scope.py).

Views Wagtail gives no hook for are overridden in admin_views.py / admin_urls.py. The
dashboard, the "New local" view and the guards on deleting a local register their hooks in
admin/hooks.py, imported here so that Wagtail finds them.
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponseForbidden
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.api.views import PagesAdminAPIViewSet
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.models import Page

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


def _page_entries(data):
    """Every serialized page (a dict with an id and an admin display title) in `data`."""
    if isinstance(data, dict):
        if "id" in data and "admin_display_title" in data:
            yield data
        for value in data.values():
            yield from _page_entries(value)
    elif isinstance(data, list):
        for value in data:
            yield from _page_entries(value)


class ScopedPagesAdminAPIViewSet(PagesAdminAPIViewSet):
    """The explorer's API: pages outside the user's sections (the ancestors on the way down,
    e.g. the locals directory) show their live title, never a pending draft title, in the
    listing, the detail view and the ancestors and translations nested in them."""

    def _live_titles(self, response):
        entries = list(_page_entries(getattr(response, "data", None)))
        ids = {entry["id"] for entry in entries}
        if not ids or admin_scope.sees_everything(self.request.user):
            return response
        pages = Page.objects.filter(pk__in=ids)
        own = set(admin_scope.editable_pages(self.request.user, pages).values_list("pk", flat=True))
        titles = dict(pages.values_list("pk", "title"))
        for entry in entries:
            if entry["id"] not in own:
                entry["admin_display_title"] = titles.get(entry["id"], "")
        return response

    def listing_view(self, request):
        return self._live_titles(super().listing_view(request))

    def detail_view(self, request, pk):
        return self._live_titles(super().detail_view(request, pk))


# After Wagtail's own registrations (order 0), which these replace.
@hooks.register("construct_admin_api", order=100)
def scope_admin_api(router):
    router.register_endpoint("pages", ScopedPagesAdminAPIViewSet)
    router.register_endpoint("images", ScopedImagesAdminAPIViewSet)
    router.register_endpoint("documents", ScopedDocumentsAdminAPIViewSet)


# Every page form asks this (opeiu_site.core.forms): a reference by ID is checked on the server.
hooks.register("opeiu_refuse_reference", admin_scope.refuse_reference)


def _refuse_signed_in_outsider(restrictions, request):
    """403 for a signed-in user outside a GROUPS restriction's groups (e.g. another local's
    staff on a members-only file): Wagtail would send them to the login page they are past."""
    if not request.user.is_authenticated:
        return None
    for restriction in restrictions:
        groups = restriction.restriction_type == restriction.GROUPS
        if groups and not restriction.accept_request(request):
            return HttpResponseForbidden(
                _("This is for the members of the local it belongs to."),
                content_type="text/plain; charset=utf-8",
            )
    return None


# Before Wagtail's own checks of the collection's and the page's privacy (order 0).
@hooks.register("before_serve_document", order=-10)
def refuse_outsiders_document(document, request):
    return _refuse_signed_in_outsider(document.collection.get_view_restrictions(), request)


@hooks.register("before_serve_page", order=-10)
def refuse_outsiders_page(page, request, serve_args, serve_kwargs):
    return _refuse_signed_in_outsider(page.get_view_restrictions(), request)
