"""The reminder the day before: every confirmed registrant, once, about LEAD before the start
(scheduled by the sweep, sweep.py).

Exactly once per registration: a reminder is claimed with one conditional UPDATE (its start,
and a lease: nobody else claims it while the lease runs), and marked sent as soon as the mail
server accepted it. A restarted worker claims again only a reminder whose lease ran out unsent.
The start is read from the Occurrence table when the sweep runs, so a moved date is re-aimed
and a cancelled or postponed one (or an unpublished page) is left out. A reminder already sent
for the same day is not sent again if the time changes (the change email says so); if the
date moves to another day, the new day gets its own reminder. Someone who registered (or was
moved up) within LEAD of the start has just had their confirmation and gets no reminder.
"""

import datetime as dt
import logging

from django.db.models import Q
from django.utils import timezone

from .models import Registration, RegistrationSettings
from .schedule import settings_key
from .timing import LEAD, is_temporary, lease, retry_delay

logger = logging.getLogger(__name__)


def _registered_pages():
    return (
        Registration.objects.filter(status=Registration.Status.CONFIRMED)
        .values_list("settings__page_id", flat=True)
        .distinct()
    )


def _occurrences(now):
    from events.choices import EventStatus
    from events.models import Occurrence

    return (
        Occurrence.objects.filter(page_id__in=_registered_pages(), start__gt=now)
        .exclude(status__in=[EventStatus.CANCELLED, EventStatus.POSTPONED])
        .order_by("start", "pk")
    )


def _rows_by_key(page_ids):
    rows = RegistrationSettings.objects.filter(page_id__in=page_ids).select_related("page")
    return {(row.page_id, row.date): row for row in rows}


def due_entries(now):
    """[(settings row, occurrence)] of the events and dates with registrants starting within
    LEAD from `now`."""
    occurrences = list(_occurrences(now).filter(start__lte=now + LEAD))
    rows = _rows_by_key({o.page_id for o in occurrences})
    found = []
    for occurrence in occurrences:
        row = rows.get(settings_key(occurrence))
        if row is not None:
            found.append((row, occurrence))
    return found


def next_due(now, scan=500):
    """The next start - LEAD after now of an event or date with confirmed registrants."""
    occurrences = list(_occurrences(now + LEAD)[:scan])
    rows = _rows_by_key({o.page_id for o in occurrences})
    with_people = set(
        Registration.objects.filter(
            status=Registration.Status.CONFIRMED, settings__in=list(rows.values())
        ).values_list("settings_id", flat=True)
    )
    for occurrence in occurrences:
        row = rows.get(settings_key(occurrence))
        if row is not None and row.pk in with_people:
            return occurrence.start - LEAD
    return None


def _day_bounds(start, zone):
    day = start.astimezone(zone).date()
    first = dt.datetime.combine(day, dt.time(), zone)
    return first, dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), zone)


def _wanted(settings_row, occurrence):
    """The confirmed registrations of the row still owed a reminder for this occurrence."""
    first, last = _day_bounds(occurrence.start, occurrence.zone)
    reminded_that_day = Q(
        reminder_sent_at__isnull=False, reminder_start__gte=first, reminder_start__lt=last
    )
    window = occurrence.start - LEAD
    placed_before = Q(promoted_at__lt=window) | Q(promoted_at__isnull=True, created_at__lt=window)
    return (
        Registration.objects.filter(settings=settings_row, status=Registration.Status.CONFIRMED)
        .filter(placed_before)
        .exclude(reminded_that_day)
    )


def send_reminders(settings_row, occurrence, now):
    """Claim and send each reminder owed for this occurrence; True if one must be retried."""
    from . import mail

    retry = False
    for registration in _wanted(settings_row, occurrence).order_by("pk"):
        lease_until = now + lease()
        claimed = (
            _wanted(settings_row, occurrence)
            .filter(pk=registration.pk)
            .filter(Q(reminder_lease_until__isnull=True) | Q(reminder_lease_until__lt=now))
            .update(
                reminder_start=occurrence.start,
                reminder_sent_at=None,
                reminder_lease_until=lease_until,
            )
        )
        if not claimed:
            continue  # another worker holds it, or it changed since
        registration.refresh_from_db()
        mine = Registration.objects.filter(pk=registration.pk, reminder_lease_until=lease_until)
        try:
            mail.reminder_message(registration, occurrence).send()
        except Exception as error:
            logger.warning("registration %s: the reminder failed: %s", registration.pk, error)
            if is_temporary(error):
                mine.update(reminder_lease_until=now + retry_delay())
                retry = True
            else:  # the server refused the address for good: do not try again
                mine.update(reminder_sent_at=timezone.now(), reminder_lease_until=None)
            continue
        mine.update(reminder_sent_at=timezone.now(), reminder_lease_until=None)
    return retry
