"""Admin URLs routed to the scoped views of admin_views.py instead of Wagtail's.

Included under "admin/" *before* Wagtail's admin URLs (opeiu_site/urls.py), so the same paths
resolve here first while `reverse()` of Wagtail's names still gives the same paths. The patterns
are unnamed on purpose: Wagtail's names keep pointing at Wagtail's patterns.
"""

import copy

from django.urls import URLPattern, URLResolver, path
from django.views.decorators.cache import never_cache
from wagtail.admin import urls as wagtail_admin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.admin.viewsets.pages import page_viewset_registry
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.views import chooser as image_chooser
from wagtail.models import Page
from wagtail.snippets.models import get_snippet_models
from wagtail.utils.urlpatterns import decorate_urlpatterns

from . import admin_scope, admin_views


def _wagtail_patterns(patterns=None, namespace=""):
    """(namespaced name, pattern, route) for every pattern of Wagtail's admin URLconf."""
    for entry in wagtail_admin_urls.urlpatterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            for name, pattern, route in _wagtail_patterns(entry.url_patterns, inner):
                yield name, pattern, str(entry.pattern) + route
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name or ""
            yield name, entry, str(entry.pattern)


def _guarded(select, guard):
    """Wagtail's own patterns chosen by `select(name)`, with `guard(callback)` in front."""
    return [
        path(route, guard(pattern.callback))
        for name, pattern, route in _wagtail_patterns()
        if select(name)
    ]


def _snippet_choosers():
    """Choosers of snippet models that are not shared reference data."""
    guarded = []
    for model in get_snippet_models():
        if model._meta.label_lower in admin_scope.SHARED_SNIPPETS:
            continue
        namespace = f"wagtailsnippetchoosers_{model._meta.app_label}_{model._meta.model_name}:"
        guarded += _guarded(
            lambda name, ns=namespace: name.startswith(ns),
            lambda view, m=model: admin_views.require_snippet_choice(view, m),
        )
    return guarded


def _scoped_image_choose_view():
    """Wagtail's image chooser (built by its viewset) with the scoped "popular tags"."""
    viewset = copy.copy(image_chooser.viewset)
    viewset.choose_view_class = admin_views.ScopedImageChooseView
    return viewset.choose_view


def _scoped_page_search_views():
    """Wagtail's page search (built by the base Page viewset) limited to the user's sections."""
    viewset = copy.copy(page_viewset_registry.get_by_type(Page))
    return [
        path("pages/search/", viewset.construct_view(admin_views.ScopedPageSearchView)),
        path(
            "pages/search/results/",
            viewset.construct_view(admin_views.ScopedPageSearchView, results_only=True),
        ),
    ]


def _listing(route, view_class):
    """A listing view and its results-only fragment (what Wagtail's filters reload)."""
    return [
        path(route, view_class.as_view()),
        path(f"{route}results/", view_class.as_view(results_only=True)),
    ]


# Views that show a page's (draft) title before checking any permission on it: the "not
# awaiting moderation" message of a workflow preview or action, the cancellation confirmation.
PAGE_EDIT_GUARDED = {
    "wagtailadmin_pages:confirm_workflow_cancellation",
    "wagtailadmin_pages:workflow_preview",
    "wagtailadmin_pages:workflow_action",
    "wagtailadmin_pages:collect_workflow_action_data",
}
# The multiple uploader's steps, which take a collection id.
DOCUMENT_UPLOADS = {
    "wagtaildocs:add_multiple",
    "wagtaildocs:create_multiple_from_uploaded_document",
}
IMAGE_UPLOADS = {"wagtailimages:add_multiple", "wagtailimages:create_multiple_from_uploaded_image"}
Document, Image = get_document_model(), get_image_model()


scoped = [
    path("choose-page/", admin_views.ScopedBrowseView.as_view()),
    path("choose-page/<int:parent_page_id>/", admin_views.ScopedBrowseView.as_view()),
    path("choose-page/search/", admin_views.ScopedSearchView.as_view()),
    path("choose-page/chosen-multiple/", admin_views.ScopedChosenMultipleView.as_view()),
    path("choose-external-link/", admin_views.CheckedExternalLinkView.as_view()),
    path("images/chooser/", _scoped_image_choose_view()),
    path("tag-autocomplete/", admin_views.tag_autocomplete),
    path("tag-autocomplete/<slug:app_name>/<slug:model_name>/", admin_views.tag_autocomplete),
    *_scoped_page_search_views(),
    *_listing("images/", admin_views.ScopedImagesIndexView),
    *_listing("documents/", admin_views.ScopedDocumentsIndexView),
    *_listing("reports/page-types-usage/", admin_views.ScopedPageTypesUsageReportView),
    *_listing("reports/site-history/", admin_views.ScopedLogEntriesView),
    *_listing("reports/workflow/", admin_views.ScopedWorkflowView),
    *_listing("reports/workflow_tasks/", admin_views.ScopedWorkflowTasksView),
]
scoped = decorate_urlpatterns(scoped, require_admin_access)
scoped = decorate_urlpatterns(scoped, wagtail_admin_urls.display_custom_404)

urlpatterns = (
    scoped
    + _guarded(
        lambda name: name.startswith("wagtailadmin_workflows:task_cho"),
        admin_views.require_workflow_admin,
    )
    + _guarded(
        lambda name: name == "wagtailadmin_workflows:task_chosen",
        admin_views.require_workflow_admin,
    )
    + _guarded(lambda name: name in PAGE_EDIT_GUARDED, admin_views.require_page_edit)
    + _guarded(
        lambda name: name == "wagtailadmin_pages:copy",
        admin_views.require_own_destination("new_parent_page", required=True),
    )
    + _guarded(
        lambda name: name == "wagtailadmin_pages:choose_parent",
        admin_views.require_own_destination("parent_page"),
    )
    + _guarded(lambda name: name == "wagtail_bulk_action", admin_views.scope_bulk_ids)
    + _guarded(lambda name: name in DOCUMENT_UPLOADS, admin_views.require_own_collection(Document))
    + _guarded(lambda name: name in IMAGE_UPLOADS, admin_views.require_own_collection(Image))
    + _snippet_choosers()
)
urlpatterns = decorate_urlpatterns(urlpatterns, never_cache)
