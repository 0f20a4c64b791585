"""Admin hooks: flag dates that fall on office closures after an editor saves or publishes;
the calendar import view and its button on calendar pages."""

from django.contrib import messages
from django.urls import path, reverse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from .editor_checks import closure_clashes


def _warn(request, page):
    clashes = closure_clashes(page.specific)
    if clashes:
        listed = "; ".join(
            f"{day:%a %b} {day.day}, {day.year} ({name})" for day, name in clashes[:6]
        )
        more = len(clashes) - 6
        if more > 0:
            listed += _(" and %(count)d more") % {"count": more}
        messages.warning(
            request,
            _(
                "“%(title)s” falls on office closures: %(dates)s. Cancel or move those dates, or "
                "confirm the meeting goes ahead."
            )
            % {"title": page.title, "dates": listed},
        )


@hooks.register("after_create_page")
def warn_after_create(request, page):
    _warn(request, page)


@hooks.register("after_edit_page")
def warn_after_edit(request, page):
    _warn(request, page)


@hooks.register("register_admin_urls")
def import_urls():
    from .import_views import import_calendar

    return [path("events/import/<int:calendar_id>/", import_calendar, name="events_import")]


@hooks.register("register_page_header_buttons")
def import_button(page, user, view_name, next_url=None):
    from .models import EventIndexPage

    if page.specific_class is EventIndexPage and page.permissions_for_user(user).can_add_subpage():
        yield Button(
            _("Import events (.ics)"),
            url=reverse("events_import", args=[page.pk]),
            icon_name="download",
            priority=80,
        )
