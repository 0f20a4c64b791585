"""The reminder the day before: every confirmed registrant, once, about LEAD before the start.

Scheduling (there is no cron): a *sweep* task on the worker's queue, one chain of it.
- The sweep sends what is due: a reminder to each confirmed registrant of an event or date that
  starts within LEAD (read from the Occurrence table at run time, so a moved date is re-aimed
  and a cancelled or postponed one, or an unpublished page, is left out), and any change email
  (changes.py) left unsent. Then it schedules itself for the next moment something falls due
  (the earliest start - LEAD ahead, or a retry), and stops when nothing is ahead.
- `ensure_sweep()` starts the chain: called on commit when someone is registered or moved up
  from the waitlist, when an entry with registrations is published (a date moved earlier
  falls due sooner), and after `migrate` (existing registrations after a deploy: `make run`
  and the compose release step both migrate). So the worker of `make run` gets it going with
  no manual step. MailSweep holds the one time that counts; a queued sweep whose time is no
  longer that one is stale and returns at once, so the chain never doubles.
- A worker killed mid-sweep: at its start each sweep queues a fallback run one lease later
  (in the same transaction as it takes its turn); the fallback is stale if the sweep finished.

Exactly once per registration: a reminder is claimed with one conditional UPDATE (its start,
and a lease: nobody else claims it while the lease runs), and marked sent as soon as the mail
server accepted it. A restarted worker claims again only a reminder whose lease ran out unsent.
A reminder already sent for the same day is not sent again if the time changes (the change
email says so); if the date moves to another day, the new day gets its own reminder.
Someone who registered (or was moved up) within LEAD of the start has just had their
confirmation and gets no reminder.
"""

import datetime as dt
import logging

from django.conf import settings as django_settings
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from opeiu_site.core.tasks import worker_task

from .models import ChangeMail, MailSweep, Registration, RegistrationSettings
from .schedule import settings_key

logger = logging.getLogger(__name__)

LEAD = dt.timedelta(hours=24)


def _seconds(name, default):
    return dt.timedelta(seconds=getattr(django_settings, name, default))


def lease():
    return _seconds("REGISTRATIONS_MAIL_LEASE_SECONDS", 600)


def retry_delay():
    return _seconds("REGISTRATIONS_MAIL_RETRY_SECONDS", 300)


def _can_defer():
    return sweep_task.get_backend().supports_defer


def _enqueue(at):
    sweep_task.using(run_after=at).enqueue(at.isoformat())


def _row():
    try:
        with transaction.atomic():
            MailSweep.objects.get_or_create(pk=1)
    except IntegrityError:  # created by someone else at the same moment
        pass
    return MailSweep.objects.select_for_update().get(pk=1)


def ensure_sweep(at=None):
    """Make sure a sweep runs at `at` (now by default) at the latest. Only where the worker's
    queue can defer (the database queue); with the immediate backend nothing is scheduled."""
    if not _can_defer():
        return False
    now = timezone.now()
    at = max(at or now, now)
    with transaction.atomic():
        row = _row()
        due = row.next_run_at
        if due is not None and now - lease() <= due <= at:
            return False  # a sweep is due no later (and not lost): it reschedules itself
        row.next_run_at = at
        row.save(update_fields=["next_run_at"])
        _enqueue(at)
    return True


def ensure_sweep_on_commit(at=None):
    transaction.on_commit(lambda: ensure_sweep(at))


@worker_task
def sweep_task(at):
    """The worker's sweep (see the module's docstring). `at` is the time it was queued for."""
    now = timezone.now()
    with transaction.atomic():
        row = _row()
        if row.next_run_at is None or row.next_run_at != dt.datetime.fromisoformat(at):
            return "stale"
        fallback = now + lease()
        row.next_run_at = fallback
        row.save(update_fields=["next_run_at"])
        _enqueue(fallback)
    following = sweep()
    with transaction.atomic():
        row = _row()
        if row.next_run_at == fallback:
            row.next_run_at = following
            row.save(update_fields=["next_run_at"])
            if following is not None:
                _enqueue(following)
        elif following is not None:
            transaction.on_commit(lambda: ensure_sweep(following))
    return f"next {following.isoformat()}" if following else "nothing ahead"


def sweep(now=None):
    """Send the due reminders and unsent change emails; the next time something falls due
    (None: nothing ahead). Also what a test (or a script without a worker) calls."""
    from . import changes

    now = now or timezone.now()
    retry = False
    for settings_row, occurrence in due_entries(now):
        retry |= send_reminders(settings_row, occurrence, now)
    retry |= changes.send_pending(now)
    following = next_due(now)
    if retry:
        soon = now + retry_delay()
        following = soon if following is None else min(following, soon)
    return following


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
            from alerts.mail import is_temporary

            logger.warning("registration %s: the reminder failed: %s", registration.pk, error)
            if is_temporary(error):
                mine.update(reminder_lease_until=now + retry_delay())
                retry = True
            else:  # the server refused the address for good: do not try again
                mine.update(reminder_sent_at=timezone.now(), reminder_lease_until=None)
            continue
        mine.update(reminder_sent_at=timezone.now(), reminder_lease_until=None)
    return retry


def on_migrated(sender, **kwargs):
    """After `migrate`: reminders of registrations made before (or while no worker ran) get
    their sweep. Harmless if one is queued already."""
    try:
        if ChangeMail.objects.filter(sent_at__isnull=True).exists() or next_due(
            timezone.now() - LEAD
        ):
            ensure_sweep()
    except DatabaseError:  # a partial migrate (the queue's table not there yet)
        logger.info("registrations: no reminder sweep scheduled after migrate", exc_info=True)
