"""The admin's action alerts: list, write, preview (the email as HTML and as text), test send to
oneself, submit for approval, approve (which queues the one notice) or send back. Every view
finds the alert among the user's owners' (alerts.admin_views.owners_q): another local's alert
is a 404. The web request only writes rows and enqueues; the worker renders and sends."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.generic import FormView

from . import action_alerts
from .admin_views import AlertsView
from .models import ActionAlert
from .render import action_alert_preview
from .sending import progress


def _alert(request, alert_id):
    return get_object_or_404(
        action_alerts.alerts_for(request.user).select_related(
            "local", "action_page", "notice", "created_by", "submitted_by", "approved_by"
        ),
        pk=alert_id,
    )


class AlertListView(AlertsView):
    template_name = "alerts/admin/action_alerts.html"
    page_title = _("Action alerts")

    def get_context_data(self, **kwargs):
        alerts = action_alerts.alerts_for(self.request.user).select_related("local")[:200]
        return super().get_context_data(
            alerts=alerts, can_write=bool(action_alerts.owner_options(self.request.user)),
            **kwargs,
        )  # fmt: skip


class AlertFormView(FormView):
    template_name = "alerts/admin/action_alert_form.html"
    form_class = action_alerts.ActionAlertForm
    alert = None

    def dispatch(self, request, *args, **kwargs):
        if "alert_id" in kwargs:
            self.alert = _alert(request, kwargs["alert_id"])
            if self.alert.status == ActionAlert.SENT:
                return redirect("alerts_admin:action_alert", self.alert.pk)
        elif not action_alerts.owner_options(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user, "instance": self.alert}

    def form_valid(self, form):
        alert = form.save()
        messages.success(self.request, _("Saved. Check the preview, then submit it."))
        return redirect("alerts_admin:action_alert", alert.pk)

    def get_context_data(self, **kwargs):
        title = _("Edit action alert") if self.alert else _("New action alert")
        return super().get_context_data(page_title=title, alert=self.alert, **kwargs)


class AlertView(AlertsView):
    template_name = "alerts/admin/action_alert.html"

    def get_context_data(self, **kwargs):
        alert = _alert(self.request, self.kwargs["alert_id"])
        text, _html = action_alert_preview(alert)
        return super().get_context_data(
            alert=alert,
            lists=alert.mailing_lists.all(),
            text=text,
            may_approve=action_alerts.may_approve(self.request.user, alert),
            counts=progress(alert.notice) if alert.notice_id else None,
            page_title=alert.subject,
            **kwargs,
        )


@method_decorator(xframe_options_sameorigin, name="dispatch")
class AlertEmailView(View):
    """The email's HTML as a subscriber gets it, for the preview's frame."""

    def get(self, request, alert_id):
        _text, html = action_alert_preview(_alert(request, alert_id))
        return HttpResponse(html)


class AlertActionView(View):
    """POST only: test, submit, approve, send back."""

    action = ""

    def post(self, request, alert_id):
        alert = _alert(request, alert_id)
        handler = getattr(self, self.action.replace("-", "_"))
        handler(request, alert)
        return redirect("alerts_admin:action_alert", alert.pk)

    def test(self, request, alert):
        from .tasks import send_test_alert_task

        if not request.user.email:
            messages.error(request, _("Your account has no email address to send the test to."))
            return
        send_test_alert_task.enqueue(alert.pk, request.user.email)
        messages.success(request, _("A test is on its way to %s.") % request.user.email)

    def submit(self, request, alert):
        if not alert.mailing_lists.exists():
            messages.error(request, _("Choose at least one list first."))
        elif action_alerts.submit(alert, request.user):
            messages.success(request, _("Submitted: a moderator approves it to send it."))
        else:
            messages.warning(request, _("This alert is not a draft."))

    def approve(self, request, alert):
        if not action_alerts.may_approve(request.user, alert):
            messages.error(request, _("Only a moderator of its local approves an alert."))
            return
        try:
            version = int(request.POST.get("version", ""))
        except ValueError:
            version = -1
        notice = action_alerts.approve(alert.pk, request.user, version)
        if notice is None:
            messages.warning(
                request,
                _("Nothing was sent: the alert was already sent, is not awaiting approval, or "
                  "changed since you opened it."),
            )  # fmt: skip
        else:
            messages.success(request, _("Approved: the alert is being sent."))

    def send_back(self, request, alert):
        if not action_alerts.may_approve(request.user, alert):
            messages.error(request, _("Only a moderator of its local sends an alert back."))
        elif action_alerts.send_back(alert):
            messages.success(request, _("Sent back to draft."))


def urls():
    from django.urls import path

    base = "action-alerts/"
    one = base + "<int:alert_id>/"
    return [
        path(base, AlertListView.as_view(), name="action_alerts"),
        path(base + "new/", AlertFormView.as_view(), name="action_alert_new"),
        path(one, AlertView.as_view(), name="action_alert"),
        path(one + "edit/", AlertFormView.as_view(), name="action_alert_edit"),
        path(one + "email/", AlertEmailView.as_view(), name="action_alert_email"),
        *[
            path(
                one + f"{action}/",
                AlertActionView.as_view(action=action),
                name=f"action_alert_{action.replace('-', '_')}",
            )  # fmt: skip
            for action in ("test", "submit", "approve", "send-back")
        ],
    ]
