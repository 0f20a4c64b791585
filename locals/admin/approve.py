"""Approve from the dashboard: the moderator's "Approve and publish" button.

Wagtail's own workflow action view approves silently and publishes the page's *latest*
revision. This one approves only the revision the moderator was shown (the row's task state,
still waiting, still the latest revision: an editor's correction restarts the approval and
makes the old row stale), and says what happened, with the dates it changed for a series."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.models import TaskState

from events.date_diff import revision_lines


def approve(request, task_state_id):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    back = get_valid_next_url_from_request(request) or reverse("wagtailadmin_home")
    state = get_object_or_404(TaskState.objects.select_related("workflow_state"), pk=task_state_id)
    page = state.workflow_state.content_object
    if page is None:
        raise PermissionDenied
    task = state.task.specific
    if state.status != TaskState.STATUS_IN_PROGRESS:
        messages.warning(
            request,
            _(
                "“%(title)s” no longer waits for this approval: it was corrected, withdrawn or "
                "already decided. Look at its current request."
            )
            % {"title": page.get_admin_display_title()},
        )
        return redirect(back)
    if "approve" not in {name for name, _label, _modal in task.get_actions(page, request.user)}:
        raise PermissionDenied
    if state.revision_id != page.get_latest_revision().pk:
        messages.warning(
            request,
            _("“%(title)s” changed after it was sent; preview it again before you approve.")
            % {"title": page.get_admin_display_title()},
        )
        return redirect(back)
    lines = revision_lines(page, state.revision)
    task.on_action(state.specific, request.user, "approve")
    page.refresh_from_db()
    if page.live and not page.workflow_in_progress:
        text = _("“%(title)s” is approved and published.")
    else:
        text = _("“%(title)s” is approved; it goes on to the next approval step.")
    text %= {"title": page.get_admin_display_title()}
    if lines:
        text += " " + "; ".join(line.as_text() for line in lines) + "."
    messages.success(request, text)
    return redirect(back)
