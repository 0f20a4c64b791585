from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button


@hooks.register("register_admin_urls")
def registration_urls():
    from . import admin_views

    return admin_views.urls()


def _is_entry(page):
    from events.models import EventPage, MeetingSeriesPage

    return page.specific_class in (EventPage, MeetingSeriesPage)


@hooks.register("register_page_header_buttons")
def registrations_button(page, user, view_name=None, next_url=None):
    if page.pk and _is_entry(page) and page.permissions_for_user(user).can_edit():
        yield Button(
            _("Registrations"),
            url=reverse("registrations_manage", args=[page.pk]),
            icon_name="group",
            priority=60,
        )


@hooks.register("register_admin_urls")
def shift_urls():
    from . import shift_admin

    return shift_admin.urls()


@hooks.register("register_page_header_buttons")
def shifts_button(page, user, view_name=None, next_url=None):
    from events.models import EventPage

    if page.pk and page.specific_class is EventPage and page.permissions_for_user(user).can_edit():
        yield Button(
            _("Shifts"),
            url=reverse("shifts_manage", args=[page.pk]),
            icon_name="date",
            priority=61,
        )
