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
    from .import_views import import_calendar, import_status

    return [
        path("events/import/<int:calendar_id>/", import_calendar, name="events_import"),
        path("events/imports/<int:import_id>/", import_status, name="events_import_status"),
    ]


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


@hooks.register("register_admin_urls")
def register_meeting_urls():
    from django.urls import include, path

    from . import admin_views

    return [path("meetings/", include(admin_views.urls()))]


@hooks.register("insert_editor_js")
def series_rule_script():
    """Show only the chosen rule's fields on the series form (events/admin/series-rule.js)."""
    from django.templatetags.static import static
    from django.utils.html import format_html

    return format_html('<script src="{}" defer></script>', static("events/admin/series-rule.js"))


def _change_date_items(page, user, next_url=None):
    from django.urls import reverse
    from wagtail.admin.ui.menus.pages import PageMenuItem

    from .models import MeetingSeriesPage

    if page.specific_class is not MeetingSeriesPage:
        return
    if not page.permissions_for_user(user).can_edit():
        return
    yield PageMenuItem(
        _("Change one date"),
        url=reverse("opeiu_meetings:change", args=[page.pk]),
        icon_name="date",
        priority=5,
        page=page,
    )


@hooks.register("register_page_header_buttons")
def series_header_buttons(page, user, view_name=None, next_url=None):
    """From a series' edit page, its "..." menu: "Change one date" (the one-form change)."""
    yield from _change_date_items(page, user, next_url)


@hooks.register("register_page_listing_more_buttons")
def series_listing_buttons(page, user, next_url=None):
    yield from _change_date_items(page, user, next_url)
