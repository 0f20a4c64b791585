"""The dashboard's panels (Wagtail `construct_homepage_panels`): what a person's own sections
need from them now. Each panel runs a fixed number of queries, filtered by the person's scope
(locals.admin.scope), and groups its rows by section for the International's staff."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.models import Page, TaskState, WorkflowState

from .scope import scope_for_request
from .visits import submissions_since

MEETINGS_SHOWN = 8
ROWS_SHOWN = 10


def _grouped(scope, rows, path_of):
    """[(section label, [rows])] in the order the sections first appear."""
    groups = {}
    for row in rows:
        section = scope.section_for(path_of(row))
        label = section.label if section else ""
        groups.setdefault(label, []).append(row)
    return list(groups.items())


class ScopedPanel(Component):
    """A dashboard panel for a person with at least one section; renders nothing otherwise."""

    order = 100

    class Media:
        css = {"all": ["locals/admin/dashboard.css"]}

    def render_html(self, parent_context=None):
        scope = scope_for_request(parent_context["request"])
        if not scope.is_staff:
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        scope = scope_for_request(request)
        return {
            "request": request,
            "csrf_token": parent_context.get("csrf_token"),
            "scope": scope,
            **self.get_rows(request, scope),
        }

    def get_rows(self, request, scope):
        return {}


class SectionPanel(ScopedPanel):
    """Who you work for: each section's name, its site and page, and the quick actions."""

    name = "opeiu_section"
    template_name = "locals/admin/panels/section.html"
    order = 10

    def get_rows(self, request, scope):
        from .quick_actions import quick_actions

        return {"sections": quick_actions(scope)}


class NextMeetingsPanel(ScopedPanel):
    """The next meetings of the person's calendars, each date's state and any closure clash."""

    name = "opeiu_next_meetings"
    template_name = "locals/admin/panels/next_meetings.html"
    order = 20

    def get_rows(self, request, scope, now=None):
        from events.choices import Kind
        from events.closures import closure_map
        from events.models import ClosureRule, Occurrence

        now = now or timezone.now()
        rows = list(
            Occurrence.objects.filter(scope.page_filter("calendar_"), kind=Kind.MEETING)
            .filter(end__gte=now)
            .only(
                "page_id",
                "calendar_id",
                "calendar_path",
                "title",
                "start",
                "original_start",
                "time_zone",
                "attendance_mode",
                "status",
                "note",
                "moved",
            )
            .order_by("start", "pk")[:MEETINGS_SHOWN]
        )
        rules = {}
        for rule in ClosureRule.objects.filter(page_id__in={row.calendar_id for row in rows}):
            rules.setdefault(rule.page_id, []).append(rule)
        for row in rows:
            local_start = row.local_start
            local_date = local_start.date()
            # Naive wall-clock values, so templates show the meeting's own time, not the admin's.
            row.local_day, row.local_time = local_date, local_start.time()
            closed = closure_map(rules.get(row.calendar_id, []), [local_date.year])
            row.closure = closed.get(local_date, "")
            row.rule_date = row.original_start.astimezone(row.zone).date()
            row.change_url = (
                reverse("opeiu_meetings:change", args=[row.page_id])
                + f"?date={row.rule_date.isoformat()}"
            )
        return {
            "groups": _grouped(scope, rows, lambda row: row.calendar_path),
            "meetings_url": reverse("opeiu_meetings:list"),
        }


def _in_scope_pages(scope, ids):
    pages = Page.objects.filter(scope.page_filter(), pk__in=ids)
    return pages.only("id", "title", "draft_title", "path", "url_path", "live").in_bulk()


class ApprovalsPanel(ScopedPanel):
    """Moderators: pages waiting for their approval, with Approve right here. Everyone: the
    section's pages waiting on someone else."""

    name = "opeiu_approvals"
    template_name = "locals/admin/panels/approvals.html"
    order = 30

    def get_rows(self, request, scope):
        user = request.user
        page_type = ContentType.objects.get_for_model(Page)
        in_scope = _text_ids(Page.objects.filter(scope.page_filter()))
        states = TaskState.objects.filter(
            status=TaskState.STATUS_IN_PROGRESS,
            workflow_state__base_content_type=page_type,
            workflow_state__object_id__in=in_scope,
        ).select_related("task", "revision__user", "workflow_state")
        if not user.is_superuser:
            groups = user.groups.values("id")
            states = states.filter(task__groupapprovaltask__groups__in=groups).distinct()
        states = list(states.order_by("-started_at")[: ROWS_SHOWN * 2])
        waiting = list(
            WorkflowState.objects.active()
            .filter(base_content_type=page_type, object_id__in=in_scope)
            .exclude(current_task_state__in=[state.pk for state in states])
            .select_related("current_task_state__task", "requested_by")
            .order_by("-created_at")[: ROWS_SHOWN * 2]
        )
        ids = {int(state.workflow_state.object_id) for state in states}
        ids |= {int(state.object_id) for state in waiting}
        pages = _in_scope_pages(scope, ids)
        to_review = []
        for state in states:
            page = pages.get(int(state.workflow_state.object_id))
            if page is not None:
                state.target = page
                state.approve_url = reverse("opeiu_approve", args=[state.pk])
                to_review.append(state)
        _add_date_changes(to_review[:ROWS_SHOWN])
        on_others = []
        for state in waiting:
            page = pages.get(int(state.object_id))
            if page is not None:
                state.target = page
                on_others.append(state)
        return {
            "to_review": _grouped(scope, to_review[:ROWS_SHOWN], lambda s: s.target.path),
            "on_others": _grouped(scope, on_others[:ROWS_SHOWN], lambda s: s.target.path),
            "moderator": scope.moderates_any,
        }


class SubmissionsPanel(ScopedPanel):
    """New form submissions since the person's last visit, per form, with counts (no answers)."""

    name = "opeiu_submissions"
    template_name = "locals/admin/panels/submissions.html"
    order = 40

    def get_rows(self, request, scope):
        from wagtail.contrib.forms.models import FormSubmission

        since = submissions_since(request)
        forms = list(
            FormSubmission.objects.filter(scope.page_filter("page__"), submit_time__gt=since)
            .values("page_id", "page__title", "page__path")
            .annotate(count=Count("id"))
            .order_by("-count", "page__title")[:ROWS_SHOWN]
        )
        for form in forms:
            form["url"] = reverse("wagtailforms:list_submissions", args=[form["page_id"]])
        return {
            "groups": _grouped(scope, forms, lambda form: form["page__path"]),
            "since": since,
            "forms_url": reverse("wagtailforms:index"),
        }


class DraftsPanel(ScopedPanel):
    """Pages the person changed last and left unpublished, outside any workflow."""

    name = "opeiu_drafts"
    template_name = "locals/admin/panels/drafts.html"
    order = 50

    def get_rows(self, request, scope):
        in_workflow = WorkflowState.objects.active().values("object_id")
        drafts = list(
            Page.objects.filter(
                scope.page_filter(),
                has_unpublished_changes=True,
                latest_revision__user=request.user,
            )
            .annotate(text_id=Cast("id", CharField()))
            .exclude(text_id__in=in_workflow)
            .only("id", "title", "draft_title", "path", "live", "latest_revision_created_at")
            .order_by("-latest_revision_created_at")[:ROWS_SHOWN]
        )
        return {"groups": _grouped(scope, drafts, lambda page: page.path)}


def _add_date_changes(states):
    """Each meeting series row's `date_diffs`: per date, what is live -> what approving
    publishes (one query for the series, one per row for its revision's dates)."""
    from events.date_diff import revision_diff
    from events.models import MeetingSeriesPage

    ids = [state.target.pk for state in states]
    series = MeetingSeriesPage.objects.filter(pk__in=ids).prefetch_related("date_changes__venue")
    by_id = series.in_bulk()
    for state in states:
        live = by_id.get(state.target.pk)
        state.date_diffs = revision_diff(live, state.revision) if live and state.revision else []


def _text_ids(pages):
    """Page ids as text, to match WorkflowState.object_id (a CharField) on every database."""
    return pages.annotate(text_id=Cast("id", CharField())).values("text_id")


PANELS = [SectionPanel, NextMeetingsPanel, ApprovalsPanel, SubmissionsPanel, DraftsPanel]

# Wagtail's own panels that ours replace (moderation lists not filtered by section).
REPLACED = {"workflow_objects_to_moderate", "user_objects_in_workflow_moderation"}


def construct_panels(request, panels):
    if not scope_for_request(request).is_staff:
        return
    panels[:] = [panel for panel in panels if getattr(panel, "name", "") not in REPLACED]
    panels.extend(panel() for panel in PANELS)
