"""Registering, cancelling and moving up from the waitlist: the rules in one place.

Every change takes the row lock of the event's (or date's) RegistrationSettings first
(`select_for_update`, PostgreSQL; SQLite serialises writers anyway), then counts: two people
taking the last place at the same moment are served one after the other, so one gets the place
and the other the waitlist. Mail is enqueued on commit (mail.py): the row is saved first, and a
mail server that is down never loses a registration.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from . import mail, sweep
from .models import Registration, RegistrationSettings


class RegistrationClosed(Exception):
    pass


def register(settings_id, *, name, email, phone="", user=None, answers=None):
    """Register `email` for the event or date; returns (registration, created). A second
    submit with the same address returns the first registration (created False)."""
    email = email.strip()
    with transaction.atomic():
        locked = RegistrationSettings.objects.select_for_update().get(pk=settings_id)
        existing = (
            locked.registrations.exclude(status=Registration.Status.CANCELLED)
            .filter(email__iexact=email)
            .first()
        )
        if existing is not None:
            return existing, False
        if locked.is_closed():
            raise RegistrationClosed
        left = locked.places_left()
        status = Registration.Status.WAITLISTED if left == 0 else Registration.Status.CONFIRMED
        try:
            with transaction.atomic():
                registration = Registration.objects.create(
                    settings=locked,
                    name=name,
                    email=email,
                    phone=phone,
                    user=user,
                    status=status,
                    answers=answers or {},
                )
        except IntegrityError:
            # Only without the lock (a database that does not take it): the other submit won.
            existing = locked.registrations.exclude(status=Registration.Status.CANCELLED).get(
                email__iexact=email
            )
            return existing, False
        transaction.on_commit(lambda: mail.enqueue_confirmation(registration.pk))
        if status == Registration.Status.CONFIRMED:
            sweep.ensure_sweep_on_commit()
    return registration, True


def cancel(registration_id):
    """Cancel a registration; if it held a place, the first on the waitlist moves up (and
    is emailed). Returns the promoted registration or None. Cancelling twice does nothing."""
    with transaction.atomic():
        registration = Registration.objects.get(pk=registration_id)
        locked = RegistrationSettings.objects.select_for_update().get(pk=registration.settings_id)
        registration.refresh_from_db()
        if registration.status == Registration.Status.CANCELLED:
            return None
        held_place = registration.status == Registration.Status.CONFIRMED
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        if not held_place:
            return None
        return _promote(locked)


def _promote(locked):
    left = locked.places_left()
    if left == 0:
        return None
    first = (
        locked.registrations.filter(status=Registration.Status.WAITLISTED)
        .order_by("created_at", "pk")
        .first()
    )
    if first is None:
        return None
    first.status = Registration.Status.CONFIRMED
    first.promoted_at = timezone.now()
    first.save(update_fields=["status", "promoted_at"])
    transaction.on_commit(lambda: mail.enqueue_promotion(first.pk))
    sweep.ensure_sweep_on_commit()
    return first
