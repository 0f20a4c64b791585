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


@hooks.register("personal_feed_entries")
def registered_entries(user, events, series):
    """The personal calendar feed (members.feed) adds what the member registered for."""
    from .mine import add_registered_entries

    return add_registered_entries(user, events, series)


@hooks.register("calendar_entry_registration")
def entry_registration(page, date, places):
    """For the entry's feeds and JSON-LD (events.registration_info): does it (or the series'
    date; a series' own feed asks with no date: any of its dates) take registrations here?"""
    from . import queries

    rows = [row for row in queries.page_rows(page) if row.enabled]
    if hasattr(page, "date_changes") and date is None:
        rows = [row for row in rows if row.date is not None]
    else:
        rows = [row for row in rows if row.date == date]
    if not rows:
        return None
    row = rows[0]
    return {
        "required": True,
        "open": any(not r.is_closed() for r in rows),
        "full": bool(places) and len(rows) == 1 and row.places_left() == 0,
        "deadline": row.deadline if len(rows) == 1 else None,
    }


@hooks.register("calendar_entry_registration_prime")
def prime_entry_registrations(pages):
    """Every entry's registration rows in one query (a calendar's feed)."""
    from .models import RegistrationSettings

    pages = [page for page in pages if getattr(page, "_registration_rows", None) is None]
    if not pages:
        return
    rows = {page.pk: [] for page in pages}
    for row in RegistrationSettings.objects.filter(page_id__in=list(rows)):
        rows[row.page_id].append(row)
    for page in pages:
        page._registration_rows = rows[page.pk]


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


@hooks.register("personal_data_sections")
def personal_data(user):
    """ "My data" (members.data): the person's registrations and shift sign-ups."""
    from .mine import personal_data

    return personal_data(user)
