"""A signed-in person's own registrations: the "Your registrations" section of My union and
the entries their personal calendar feed adds (members.feed)."""

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from .models import Registration
from .schedule import entry_state
from .tokens import cancel_token

SHOWN = 50


def _live_registrations(user):
    if not user.is_authenticated:
        return Registration.objects.none()
    mine = Q(user=user)
    if user.email:
        mine |= Q(email__iexact=user.email)
    return (
        Registration.objects.filter(mine, settings__page__live=True)
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("settings", "settings__page")
    )


def upcoming_for(user, now=None):
    """[{registration, page, date, start (in the entry's zone), state, cancel_token}] of the
    user's live registrations whose event or date has not ended, soonest first."""
    now = now or timezone.now()
    pages = {}
    rows = []
    for registration in _live_registrations(user)[: SHOWN * 4]:
        page_id = registration.settings.page_id
        if page_id not in pages:
            pages[page_id] = registration.settings.page.specific
        page = pages[page_id]
        state = entry_state(page, registration.settings.date)
        if dt.datetime.fromisoformat(state["end"]) <= now:
            continue
        rows.append(
            {
                "registration": registration,
                "page": page,
                "date": registration.settings.date,
                "start": dt.datetime.fromisoformat(state["start"]).astimezone(page.zone),
                "state": state,
                "cancel_token": cancel_token(registration),
            }
        )
    rows.sort(key=lambda row: row["start"])
    return rows[:SHOWN]


def add_registered_entries(user, events, series):
    """(events, series) with the live entries `user` registered for added, each page once: a
    series comes whole (its public feed's VEVENTs and UID: the registered date is one of its
    dates, with its changes), so the feed never holds an entry twice."""
    from events.models import EventPage, MeetingSeriesPage

    page_ids = set(_live_registrations(user).values_list("settings__page_id", flat=True))
    have = {page.pk for page in events} | {page.pk for page in series}
    wanted = page_ids - have
    if not wanted:
        return events, series
    more_events = EventPage.objects.live().filter(pk__in=wanted).select_related("venue")
    more_series = (
        MeetingSeriesPage.objects.live()
        .filter(pk__in=wanted)
        .select_related("venue")
        .prefetch_related("date_changes", "date_changes__venue", "change_notices")
    )
    return [*events, *more_events.order_by("path")], [*series, *more_series.order_by("path")]


def _when(value):
    return value.isoformat() if value else None


def personal_data(user):
    """ "My data": every registration and shift sign-up of the person (their account, or their
    account's address), cancelled ones included, with what they gave."""
    from .models import RegistrationQuestion, ShiftSignup

    mine = Q(user=user)
    if user.email:
        mine |= Q(email__iexact=user.email)
    registrations = list(
        Registration.objects.filter(mine).select_related("settings__page").order_by("pk")
    )
    labels = {
        (q.page_id, q.clean_name): q.label
        for q in RegistrationQuestion.objects.filter(
            page_id__in={r.settings.page_id for r in registrations}
        )
    }
    signups = ShiftSignup.objects.filter(mine).select_related("shift__page").order_by("pk")
    return {
        "registrations": [
            {
                "event": r.settings.page.title,
                "date": _when(r.settings.date),
                "name": r.name,
                "email": r.email,
                "phone": r.phone,
                "status": r.get_status_display(),
                "registered": _when(r.created_at),
                "cancelled": _when(r.cancelled_at),
                "checked_in": _when(r.checked_in_at),
                "answers": {
                    labels.get((r.settings.page_id, name), name): value
                    for name, value in r.answers.items()
                },
            }
            for r in registrations
        ],
        "shift_signups": [
            {
                "event": s.shift.page.title,
                "worksite": s.shift.worksite,
                "starts": _when(s.shift.starts_at),
                "ends": _when(s.shift.ends_at),
                "name": s.name,
                "email": s.email,
                "phone": s.phone,
                "signed_up": _when(s.created_at),
                "cancelled": _when(s.cancelled_at),
            }
            for s in signups
        ],
    }
