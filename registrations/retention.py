"""Registrants' personal data is kept for REGISTRATIONS_RETENTION_DAYS after their event (or
series date) ends, then deleted (docs/privacy.md): name, email, phone and the account link are
blanked, and the check-in links go; the rows stay, with their status and check-in time, so the
entry's numbers (registered, waitlisted, attended, walk-ins) remain. Run daily by
`manage.py purge_registrations`; running it again changes nothing (`erased_at` is set once).
Registrants' answers to the entry's questions go with them; shift sign-ups go the same number
of days after their shift ends (purge_shift_signups)."""

import datetime as dt

from django.conf import settings as django_settings
from django.db import transaction
from django.utils import timezone

from .checkin import entry_end
from .models import CheckInLink, Registration, RegistrationSettings, ShiftSignup


def due(days, now=None):
    """The entries (RegistrationSettings) that ended more than `days` days before `now` and
    still hold personal data."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=days)
    rows = (
        RegistrationSettings.objects.filter(registrations__erased_at__isnull=True)
        .distinct()
        .select_related("page")
    )
    # An entry's end is its page's (an event's end, a series date's start plus duration, moved
    # dates included): computed per entry, which is few (the rows with data left).
    return [row for row in rows if entry_end(row.page.specific, row.date) <= cutoff]


def erase(rows, now=None):
    """Blank the personal data of every registration of `rows`; returns how many."""
    now = now or timezone.now()
    ids = [row.pk for row in rows]
    with transaction.atomic():
        count = Registration.objects.filter(settings_id__in=ids, erased_at__isnull=True).update(
            name="", email="", phone="", user=None, answers={}, erased_at=now
        )
        CheckInLink.objects.filter(settings_id__in=ids).delete()
    return count


def purge(days=None, now=None, dry_run=False):
    """(entries, registrations) whose data was (or, dry run, would be) deleted."""
    if days is None:
        days = django_settings.REGISTRATIONS_RETENTION_DAYS
    rows = due(days, now)
    if dry_run:
        count = Registration.objects.filter(settings__in=rows, erased_at__isnull=True).count()
        return len(rows), count
    return len(rows), erase(rows, now)


def purge_shift_signups(days=None, now=None, dry_run=False):
    """Shift sign-ups whose shift ended more than `days` days before `now`: their name, email,
    phone and account link are blanked (the rows stay, so a shift's numbers remain). Returns
    how many were (or, dry run, would be) erased."""
    if days is None:
        days = django_settings.REGISTRATIONS_RETENTION_DAYS
    now = now or timezone.now()
    due = ShiftSignup.objects.filter(
        shift__ends_at__lte=now - dt.timedelta(days=days), erased_at__isnull=True
    )
    if dry_run:
        return due.count()
    return due.update(name="", email="", phone="", user=None, erased_at=now)
