from django import template
from django.db.models import DateField, Value
from django.utils import timezone

from .. import queries
from ..access import is_member_for
from ..forms import RegistrationForm, questions_form
from ..models import RegistrationQuestion, RegistrationSettings
from ..views import entry_over

register = template.Library()


@register.inclusion_tag("registrations/includes/box.html", takes_context=True)
def registration_box(context, page):
    """The registration form (or why one cannot register) on an event or series page."""
    request = context.get("request")
    now = timezone.now()
    if hasattr(page, "date_changes"):
        rows = [
            row
            for date, row in sorted(queries.open_dates(page).items())
            if not entry_over(page, date, now) and not row.is_closed(now)
        ]
    else:
        row = queries.settings_for(page)
        rows = [row] if row is not None and row.enabled and not entry_over(page, None, now) else []
    if not rows:
        return {"shown": False}
    states = [queries.state(row) for row in rows]
    user = getattr(request, "user", None)
    members_only = any(row.members_only for row in rows)
    initial = {}
    if user is not None and user.is_authenticated:
        initial = {"name": user.get_full_name(), "email": user.email}
    member = user is not None and user.is_authenticated and is_member_for(user, page)
    questions = list(RegistrationQuestion.objects.filter(page_id=page.pk))
    # A required question needs an answer: no one click then, the member fills in the form.
    one_click = member and bool(user.email) and not any(q.required for q in questions)
    return {
        "one_click": one_click,
        "member_name": (user.get_full_name() or user.email) if one_click else "",
        "member_email": user.email if one_click else "",
        "mine": _registrations_of(user, rows) if one_click else [],
        "shown": True,
        "page": page,
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "series": hasattr(page, "date_changes"),
        "states": states,
        "closed": all(state["closed"] for state in states),
        "members_only": members_only,
        "may_register": not members_only or member,
        "form": RegistrationForm(initial=initial, auto_id="id_registration_%s"),
        "questions": questions_form(questions, auto_id="id_registration_q_%s"),
    }


def _registrations_of(user, rows):
    """The signed-in member's live registrations for these rows, with their cancel links."""
    from ..models import Registration
    from ..tokens import cancel_token

    found = (
        Registration.objects.filter(settings__in=rows, email__iexact=user.email)
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("settings")
    )
    return [
        {"registration": r, "date": r.settings.date, "cancel_token": cancel_token(r)} for r in found
    ]


@register.simple_tag
def registration_open(page):
    """Does the entry take registrations on this site (for "Registration required")?"""
    return any(row.enabled for row in queries.page_rows(page))


@register.simple_tag(takes_context=True)
def registration_keys(context, items):
    """For a calendar listing: which of its occurrences need registration, in one query.

    Keys are a page id (an event taking registrations here, or an entry whose editors ticked
    "registration required") or (page id, original date) for a series date that takes
    registrations here."""
    from events.models import EventPage, MeetingSeriesPage

    ids = {item.page_id for item in items}
    if not ids:
        return set()
    page = context.get("page")
    if page is not None and ids == {page.pk}:  # an entry's own dates: its rows are read already
        keys = {page.pk} if getattr(page, "registration_required", False) else set()
        for row in queries.page_rows(page):
            if row.enabled:
                keys.add(page.pk if row.date is None else (page.pk, row.date))
        return keys
    no_date = Value(None, output_field=DateField())
    rows = (
        RegistrationSettings.objects.filter(page_id__in=ids, enabled=True)
        .values_list("page_id", "date")
        .union(
            *(
                model.objects.filter(pk__in=ids, registration_required=True).values_list(
                    "pk", no_date
                )
                for model in (EventPage, MeetingSeriesPage)
            ),
            all=True,
        )
    )
    return {page_id if date is None else (page_id, date) for page_id, date in rows}


@register.filter
def needs_registration(item, keys):
    if not keys:
        return False
    if item.page_id in keys:
        return True
    original = timezone.localtime(item.original_start, item.zone).date()
    return (item.page_id, original) in keys


@register.inclusion_tag("registrations/includes/yours.html")
def your_registrations(user):
    """My union's "Your registrations": upcoming, with their status and cancel links."""
    from ..mine import upcoming_for

    return {"rows": upcoming_for(user)}
