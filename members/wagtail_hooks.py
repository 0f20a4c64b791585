"""Admin hooks of the members app: the roster views under /admin/roster/, their menu item (for
a local's staff and the International's), and a dashboard panel listing the verification
requests waiting for the person's locals."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from locals.admin.scope import scope_for_request


@hooks.register("register_admin_urls")
def register_roster_urls():
    from . import admin_views

    return [path("roster/", include(admin_views.urls()))]


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        scope = scope_for_request(request)
        return scope.international or any(s.is_local for s in scope.sections)


@hooks.register("register_admin_menu_item")
def roster_menu_item():
    return StaffMenuItem(
        gettext_lazy("Roster"), reverse("members_roster:index"), icon_name="user", order=240
    )


class VerificationPanel(Component):
    """Members who asked to be verified, per local, for the staff who review them."""

    name = "opeiu_verification_requests"
    order = 25  # after the section and its next meetings, before the approvals
    template_name = "members/admin/verification_panel.html"

    def render_html(self, parent_context=None):
        rows = self._rows(parent_context["request"])
        if not rows:
            return ""
        self._counted = rows
        return super().render_html(parent_context)

    @staticmethod
    def _rows(request):
        from django.db.models import Count

        from .admin_views import staff_locals
        from .models import VerificationRequest, VerificationStatus

        counts = (
            VerificationRequest.objects.filter(
                status=VerificationStatus.PENDING, local__in=staff_locals(request)
            )
            .values("local_id", "local__title")
            .annotate(count=Count("pk"))
            .order_by("local__title")
        )
        return [
            (
                row["local__title"],
                row["count"],
                reverse("members_roster:verification", args=[row["local_id"]]),
            )
            for row in counts
        ]

    def get_context_data(self, parent_context):
        return {"rows": self._counted}


@hooks.register("construct_homepage_panels")
def verification_panel(request, panels):
    if scope_for_request(request).is_staff:
        panels.append(VerificationPanel())
