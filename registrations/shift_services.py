"""Signing up for shifts and cancelling, the rules in one place.

A sign-up for several shifts takes the row lock of each chosen shift (`select_for_update`, in
id order so that two sign-ups never wait on each other; PostgreSQL, while SQLite serialises
writers anyway), then counts who is already there: two people taking the last place at the
same moment are served one after the other, so one gets it and the other is told the shift is
full. The confirmation mail is enqueued on commit (shift_mail.py): the rows are saved first,
so a mail server that is down never loses a sign-up.
"""

import datetime as dt
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.db import IntegrityError, transaction
from django.utils import timezone

from events import recurrence
from events.choices import Frequency, Weekday

from . import shift_mail
from .shift_models import Shift, ShiftSignup


def weekly_dates(first_date, last_date, weekdays=()):
    """The dates from `first_date` to `last_date` on `weekdays` (0 is Monday; none: every
    day), by the meeting series' weekly rule (events.recurrence)."""
    rule = SimpleNamespace(
        frequency=Frequency.WEEKLY,
        weekdays=sorted(weekdays) or list(Weekday.values),
        first_date=first_date,
        last_date=last_date,
        explicit_dates="",
    )
    return recurrence.rule_dates(rule, last_date)


def shift_times(date, start_time, end_time, zone_name):
    """(start, end) of a shift on `date` in the event's zone; an end earlier than the start is
    the next day (a night shift)."""
    start = recurrence.aware(date, start_time, zone_name)
    end_date = date + dt.timedelta(days=1) if end_time < start_time else date
    return start, recurrence.aware(end_date, end_time, zone_name)


def create_shifts(page, dates, *, start_time, end_time, worksite, people_needed):
    """A shift on each of `dates`; one that exists already (same place and times) is kept, so
    a double submit (or the demo loaded again) creates each shift once. Returns how many were
    created."""
    created = 0
    with transaction.atomic():
        for date in dates:
            starts_at, ends_at = shift_times(date, start_time, end_time, page.zone.key)
            _, made = Shift.objects.get_or_create(
                page_id=page.pk,
                worksite=worksite,
                starts_at=starts_at,
                ends_at=ends_at,
                defaults={"people_needed": people_needed},
            )
            created += made
    return created


@dataclass
class Outcome:
    signed_up: list = field(default_factory=list)  # new ShiftSignup rows
    already: list = field(default_factory=list)  # the address's earlier sign-ups, unchanged
    full: list = field(default_factory=list)  # shifts with no place left
    started: list = field(default_factory=list)  # shifts that began already


def active(signups):
    return signups.filter(cancelled_at__isnull=True)


def sign_up(page_id, shift_ids, *, name, email, phone="", user=None):
    """Sign `email` up for each shift of `shift_ids` (of the event `page_id`) that still needs
    people. A shift the address is already on is left as it is (a double submit signs up
    once); a full or started shift is reported, never over-filled."""
    email = email.strip()
    outcome = Outcome()
    now = timezone.now()
    with transaction.atomic():
        shifts = list(
            Shift.objects.select_for_update()
            .filter(page_id=page_id, pk__in=shift_ids)
            .order_by("pk")
        )
        for shift in shifts:
            existing = active(shift.signups).filter(email__iexact=email).first()
            if existing is not None:
                outcome.already.append(existing)
                continue
            if shift.starts_at <= now:
                outcome.started.append(shift)
                continue
            if active(shift.signups).count() >= shift.people_needed:
                outcome.full.append(shift)
                continue
            try:
                with transaction.atomic():
                    signup = ShiftSignup.objects.create(
                        shift=shift, name=name, email=email, phone=phone, user=user
                    )
            except IntegrityError:
                # Only without the lock (a database that does not take it): the other won.
                outcome.already.append(active(shift.signups).get(email__iexact=email))
                continue
            outcome.signed_up.append(signup)
        if outcome.signed_up:
            ids = [signup.pk for signup in outcome.signed_up]
            transaction.on_commit(lambda: shift_mail.enqueue_confirmation(ids))
    for group in (outcome.signed_up, outcome.already, outcome.full, outcome.started):
        group.sort(key=lambda item: getattr(item, "shift", item).starts_at)
    return outcome


def cancel(signup_id):
    """Cancel a sign-up (its place is free again). Cancelling twice does nothing."""
    with transaction.atomic():
        signup = ShiftSignup.objects.get(pk=signup_id)
        Shift.objects.select_for_update().get(pk=signup.shift_id)
        signup.refresh_from_db()
        if signup.cancelled_at is not None:
            return False
        signup.cancelled_at = timezone.now()
        signup.save(update_fields=["cancelled_at"])
    return True
