"""Admin hooks of the locals app: the per-person dashboard, the "New local" view, who may delete
a local (and what the confirmation says), and the default recipients of a local's forms."""

from django.contrib import messages
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from opeiu_site.core.sections import section_of

from ..lifecycle import may_manage_locals
from ..models import LocalPage
from ..provisioning import deprovision_plan
from .panels import construct_panels


@hooks.register("construct_homepage_panels")
def dashboard_panels(request, panels):
    construct_panels(request, panels)


@hooks.register("construct_homepage_summary_items", order=100)  # after Wagtail's own
def summary_items(request, items):
    from .summary import construct_summary_items

    construct_summary_items(request, items)


@hooks.register("register_admin_urls")
def register_local_urls():
    from .approve import approve
    from .create_local import new_local

    return [
        path("locals/new/", new_local, name="opeiu_new_local"),
        path("approve/<int:task_state_id>/", approve, name="opeiu_approve"),
    ]


class InternationalModeratorsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_manage_locals(request.user)


@hooks.register("register_admin_menu_item")
def new_local_menu_item():
    return InternationalModeratorsMenuItem(
        gettext_lazy("New local"), reverse("opeiu_new_local"), icon_name="group", order=250
    )


@hooks.register("before_delete_page")
def guard_local_deletion(request, page):
    """Only the International's moderators delete a local; the confirmation says what happens
    to its groups, collection and workflow."""
    if not isinstance(page.specific, LocalPage):
        return None
    if not may_manage_locals(request.user):
        return TemplateResponse(
            request, "locals/admin/forbidden.html", {"page_title": _("Delete a local")}, status=403
        )
    if request.method == "GET":
        plan = deprovision_plan(page.specific)
        if plan:
            messages.warning(
                request, _("Deleting this local also does this: ") + "; ".join(plan) + "."
            )
    return None


@hooks.register("before_bulk_action")
def guard_bulk_local_deletion(request, action_type, objects, action_class_instance):
    """The same rule for the explorer's bulk delete."""
    if action_type != "delete" or may_manage_locals(request.user):
        return None
    ids = [getattr(obj, "pk", None) for obj in objects]
    if LocalPage.objects.filter(pk__in=ids).exists():
        return TemplateResponse(
            request, "locals/admin/forbidden.html", {"page_title": _("Delete a local")}, status=403
        )
    return None


@hooks.register("opeiu_form_default_recipients")
def local_contact_email(page):
    """A local's forms notify the local's contact email (actions.notify.staff_recipients)."""
    section = section_of(page) if page.path else None
    local = section if isinstance(section, LocalPage) else None
    return [local.email] if local is not None and local.email else []


@hooks.register("construct_page_action_menu")
def submit_first_for_editors(menu_items, request, context):
    """An editor who may not publish gets "Submit for approval" as the main button, not "Save
    draft" with the submission hidden behind the caret (WordPress' "Submit for Review")."""
    names = [item.name for item in menu_items]
    if "action-publish" in names or "action-submit" not in names:
        return
    submit = menu_items.pop(names.index("action-submit"))
    menu_items.insert(0, submit)


@hooks.register("before_create_page")
def slug_clash(request, parent_page, page_class):
    from .slug_clash import step_round_clash

    return step_round_clash(request, parent_page, page_class)
