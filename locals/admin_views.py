"""Wagtail admin views narrowed to what the user may see (policy: admin_scope.py).

Where Wagtail offers a hook, wagtail_hooks.py uses it; these are the views without one, as
subclasses that change only the queryset or add the missing permission check. admin_urls.py
routes Wagtail's own URLs to them.
"""

from functools import wraps

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from taggit.models import Tag
from wagtail.admin.views import chooser
from wagtail.admin.views.pages import search as page_search
from wagtail.admin.views.reports import audit_logging, workflows
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.documents import get_document_model
from wagtail.documents.views import documents
from wagtail.images import get_image_model
from wagtail.images.views import chooser as image_chooser
from wagtail.images.views import images
from wagtail.log_actions import registry as log_action_registry
from wagtail.models import Page, PageLogEntry, Task, Workflow
from wagtail.permissions import policy_registry

from . import admin_scope

TAGS_AUTOCOMPLETE_LIMIT = 10


# --- Page chooser -------------------------------------------------------------------------


class ScopedParentPageColumn(chooser.ParentPageColumn):
    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        if context.get("value") is not None:
            admin_scope.hide_draft_title(parent_context["request"].user, context["value"])
        return context


class ScopedBrowseView(chooser.BrowseView):
    """Browse only into pages the user may choose or pass through; their live titles."""

    def get_object_list(self):
        user = self.request.user
        parent = self.parent_page
        if (
            parent.depth > 1
            and not admin_scope.linkable_pages(user, Page.objects.filter(pk=parent.pk)).exists()
        ):
            raise Http404
        admin_scope.hide_draft_title(user, parent)
        return super().get_object_list()


class ScopedSearchView(chooser.SearchView):
    @property
    def columns(self):
        return [
            ScopedParentPageColumn("parent", label=_("Parent"))
            if isinstance(column, chooser.ParentPageColumn)
            else column
            for column in super().columns
        ]


class ScopedChosenMultipleView(chooser.ChosenMultipleView):
    def get(self, request):
        allowed = admin_scope.linkable_pages(
            request.user, Page.objects.filter(pk__in=request.GET.getlist("id"))
        )
        pages = admin_scope.with_live_titles(request.user, allowed.specific())
        return self.render_chosen_response(
            [
                {
                    "id": page.pk,
                    "parentId": page.get_parent().pk,
                    "adminTitle": page.get_admin_display_title(),
                    "editUrl": chooser.reverse("wagtailadmin_pages:edit", args=(page.pk,)),
                    "url": page.url,
                }
                for page in pages
            ]
        )


class CheckedExternalLinkView(chooser.ExternalLinkView):
    """Wagtail's URL field fails with a 500 when the URL is missing from the POST: send it
    empty instead, which the form reports as a required field."""

    def post(self, request):
        key = f"{self.form_prefix}-url"
        if key not in request.POST:
            request.POST = request.POST.copy()
            request.POST[key] = ""
        return super().post(request)


# --- Images and documents: tag filters and suggestions from the user's own files ---------


class _ScopedTagChoices:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "tag" in self.filters:
            tags = admin_scope.popular_tags(self.request.user, self._meta.model)
            self.filters["tag"].extra["choices"] = [(tag.name, tag.name) for tag in tags]


class ScopedImagesFilterSet(_ScopedTagChoices, images.ImagesFilterSet):
    pass


class ScopedDocumentsFilterSet(_ScopedTagChoices, documents.DocumentsFilterSet):
    pass


class ScopedImagesIndexView(images.IndexView):
    filterset_class = ScopedImagesFilterSet


class ScopedDocumentsIndexView(documents.IndexView):
    filterset_class = ScopedDocumentsFilterSet


class ScopedImageChooseView(image_chooser.ImageChooseView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["popular_tags"] = admin_scope.popular_tags(self.request.user, self.model)
        return context


# --- Page search (/admin/pages/search/) ----------------------------------------------------


class _EditablePagesPolicy:
    """Wagtail's page policy, but "explorable" means the user's own sections: Wagtail's search
    also lists the pages above them (the way down), under their draft titles."""

    def __init__(self, policy):
        self._policy = policy

    def __getattr__(self, name):
        return getattr(self._policy, name)

    def explorable_instances(self, user):
        return admin_scope.editable_pages(user)


class ScopedPageSearchView(page_search.SearchView):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.permission_policy = _EditablePagesPolicy(self.permission_policy)

    def get_context_data(self, **kwargs):
        """The "parent" column shows a parent outside the user's sections (the locals
        directory above a local) under its live title, never its pending draft title."""
        context = super().get_context_data(**kwargs)
        for page in context.get("object_list") or []:
            # Wagtail's ParentPageColumn reads `_parent_page` before calling get_parent().
            parent = getattr(page, "_parent_page", None) or page.get_parent()
            if parent is not None:
                page._parent_page = admin_scope.hide_draft_title(self.request.user, parent)
        return context


# --- Tags ---------------------------------------------------------------------------------


def tag_autocomplete(request, app_name=None, model_name=None):
    """Wagtail's tag autocomplete, offering only tags on what the user may see."""
    if (app_name or model_name) and (app_name, model_name) != ("taggit", "tag"):
        raise Http404  # the site's only tag model
    term = request.GET.get("term", "")
    tags = Tag.objects.none()
    if term:
        tags = admin_scope.visible_tags(request.user, Tag.objects.filter(name__istartswith=term))
    names = tags.order_by("name").values_list("name", flat=True)[:TAGS_AUTOCOMPLETE_LIMIT]
    return JsonResponse(list(names), safe=False)


# --- Guards for views that check no permission -------------------------------------------


def require_workflow_admin(view):
    """The task chooser belongs to the workflow editor: only for who may manage workflows."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        allowed = policy_registry.get_by_type(Workflow).user_has_any_permission(
            request.user, ["add", "change"]
        ) or policy_registry.get_by_type(Task).user_has_any_permission(
            request.user, ["add", "change"]
        )
        if not allowed:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return guarded


def require_page_edit(view, kwarg="page_id"):
    @wraps(view)
    def guarded(request, *args, **kwargs):
        page = get_object_or_404(Page, pk=kwargs[kwarg])
        if not page.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return guarded


def require_own_destination(field, required=False):
    """Wagtail's copy and "choose a parent" forms name the destination page in their errors
    ("You do not have permission to copy to page <its draft title>") and in the re-rendered
    chooser: a destination outside the user's sections is refused (403) before the form sees
    it; a missing or malformed one (Wagtail's copy view answers those with a 500) is a 404."""

    def guard(view):
        @wraps(view)
        def guarded(request, *args, **kwargs):
            if request.method == "POST":
                value = request.POST.get(field, "")
                if not value and not required:
                    return view(request, *args, **kwargs)
                page = Page.objects.filter(pk=int(value)).first() if value.isdigit() else None
                if page is None:
                    raise Http404
                if not admin_scope.is_editable(request.user, page):
                    raise PermissionDenied
            return view(request, *args, **kwargs)

        return guarded

    return guard


def require_own_collection(model):
    """The multiple uploader's steps take a collection id: one the user may not add to is a
    400. (Wagtail would keep the file as an "upload" whose completion then fails with a 500.)"""

    def guard(view):
        @wraps(view)
        def guarded(request, *args, **kwargs):
            if request.method == "POST":
                policy = policy_registry.get_by_type(model)
                allowed = {
                    str(c.pk)
                    for c in policy.collections_user_has_permission_for(request.user, "add")
                }
                named = [v for k, v in request.POST.items() if k.split("-")[-1] == "collection"]
                if any(value not in allowed for value in named):
                    return HttpResponseBadRequest(_("Choose one of your own collections."))
            return view(request, *args, **kwargs)

        return guarded

    return guard


def require_snippet_choice(view, model):
    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not admin_scope.may_choose_snippet(request.user, model):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return guarded


def _bulk_scopes():
    """{(app label, model name): what of `ids` the user may see} for the bulk actions."""

    def media(model):
        return lambda user, ids: admin_scope.choosable_media(
            user, model, model.objects.filter(pk__in=ids)
        )

    image, document = get_image_model(), get_document_model()
    return {
        ("wagtailcore", "page"): lambda user, ids: admin_scope.editable_pages(
            user, Page.objects.filter(pk__in=ids)
        ),
        (image._meta.app_label, image._meta.model_name): media(image),
        (document._meta.app_label, document._meta.model_name): media(document),
    }


def scope_bulk_ids(view):
    """Bulk actions list every page, document or image named in `?id=` on their confirmation
    page (titles included), with a "you may not" note for those the user cannot touch: drop
    those outside the user's sections and collections."""

    @wraps(view)
    def scoped(request, app_label, model_name, action):
        scope = _bulk_scopes().get((app_label, model_name))
        if scope is not None and "id" in request.GET:
            ids = [pk for pk in request.GET.getlist("id") if pk.isdigit()]
            kept = scope(request.user, ids)
            query = request.GET.copy()
            query.setlist("id", [str(pk) for pk in kept.values_list("pk", flat=True)])
            request.GET = query
        return view(request, app_label, model_name, action)

    return scoped


# --- Reports ------------------------------------------------------------------------------


class ScopedPageTypesUsageReportView(PageTypesUsageReportView):
    """Counts and "last edited page" over the user's own sections only."""

    def get_queryset(self):
        queryset = super().get_queryset()
        user = self.request.user
        if admin_scope.sees_everything(user):
            return queryset
        mine = admin_scope.editable_q(user)
        latest = (
            Page.objects.filter(mine, content_type=OuterRef("pk"))
            .order_by(F("latest_revision_created_at").desc(nulls_last=True), "title", "-pk")
            .values("pk")[:1]
        )
        own_counts = (
            Page.objects.filter(mine, content_type=OuterRef("pk"))
            .order_by()
            .values("content_type")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return queryset.annotate(
            last_edited_page_id=Subquery(latest),
            count=Coalesce(Subquery(own_counts), 0),
        ).order_by("-count", "app_label", "model")


class ScopedLogEntriesView(audit_logging.LogEntriesView):
    """Site history without the entries of pages above or beside the user's sections (Wagtail
    shows those of every page the user may *explore*, i.e. the ancestors too)."""

    def get_filtered_queryset(self):
        user = self.request.user
        self.log_models = list(log_action_registry.get_log_entry_models())
        queryset = None
        for index, log_model in enumerate(self.log_models):
            entries = _own_entries(user, log_model)
            entries = entries.values("pk", "timestamp").annotate(
                log_model_index=Value(index, output_field=IntegerField())
            )
            entries = self.filter_queryset(entries).order_by()
            queryset = entries if queryset is None else queryset.union(entries, all=True)
        return queryset.order_by("-timestamp")


def _own_entries(user, log_model):
    entries = log_model.objects.viewable_by_user(user)
    if admin_scope.sees_everything(user) or not issubclass(log_model, PageLogEntry):
        return entries
    return entries.filter(page__in=admin_scope.editable_pages(user).values("pk"))


class ScopedSiteHistoryFilterSet(audit_logging.SiteHistoryReportFilterSet):
    def get_users_queryset(self):
        users = super().get_users_queryset()
        if admin_scope.sees_everything(self.request.user):
            return users
        own = _own_entries(self.request.user, PageLogEntry)
        return users.filter(pk__in=own.values("user_id"))


ScopedLogEntriesView.filterset_class = ScopedSiteHistoryFilterSet


def _own_workflows(user):
    """Workflows that apply to the user's sections: set inside them, or the one each section
    inherits from above."""
    inherited = [root.get_workflow() for root in admin_scope.section_roots(user)]
    return Workflow.objects.filter(
        Q(workflow_pages__page__in=admin_scope.editable_pages(user).values("pk"))
        | Q(pk__in=[workflow.pk for workflow in inherited if workflow])
    ).distinct()


class _ScopedWorkflowFilters:
    """Filter choices (workflows, tasks, requesters) from the user's sections only."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.request.user
        if admin_scope.sees_everything(user):
            return
        own = _own_workflows(user)
        pages = [str(pk) for pk in admin_scope.editable_pages(user).values_list("pk", flat=True)]
        for name, choice in self.filters.items():
            if name == "workflow":
                choice.queryset = own
            elif name == "task":
                choice.queryset = Task.objects.filter(workflow_tasks__workflow__in=own).distinct()
            elif name == "requested_by":
                choice.queryset = (
                    get_user_model()
                    .objects.filter(requested_workflows__object_id__in=pages)
                    .distinct()
                )


class ScopedWorkflowReportFilterSet(_ScopedWorkflowFilters, workflows.WorkflowReportFilterSet):
    pass


class ScopedWorkflowTasksReportFilterSet(
    _ScopedWorkflowFilters, workflows.WorkflowTasksReportFilterSet
):
    pass


class ScopedWorkflowView(workflows.WorkflowView):
    filterset_class = ScopedWorkflowReportFilterSet


class ScopedWorkflowTasksView(workflows.WorkflowTasksView):
    filterset_class = ScopedWorkflowTasksReportFilterSet
