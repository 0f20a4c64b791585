"""The worker's sweep for the registration emails that wait for a moment (there is no cron).

One chain of a self-scheduling task on the worker's queue:
- The sweep sends what is due: the reminders (reminders.py) of events and dates starting
  within LEAD, and change emails (changes.py) left unsent by a failure or a killed worker.
  Then it schedules itself for the next moment something falls due (the earliest start - LEAD
  ahead, or a retry), and stops when nothing is ahead.
- `ensure_sweep()` starts the chain: on commit when someone is registered or moved up from
  the waitlist, when an entry with registrations is published (a date moved earlier falls
  due sooner), and after `migrate` (registrations made before a deploy: `make run` and the
  compose release step both migrate). So the worker that `make run` starts (Makefile WORKER)
  gets it going with no manual step. MailSweep holds the one time that counts; a queued sweep
  whose time is no longer that one is stale and returns at once, so the chain never doubles.
- A worker killed mid-sweep: each sweep first queues a fallback run one lease later (in the
  transaction where it takes its turn); the fallback is stale if the sweep finished.
With the immediate backend (TASKS_WORKER off: tests, scripts) nothing is scheduled; `sweep()`
is what a test or a script calls.
"""

import datetime as dt
import logging

from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone

from opeiu_site.core.tasks import worker_task

from . import changes, reminders
from .models import ChangeMail, MailSweep
from .timing import LEAD, lease, retry_delay

logger = logging.getLogger(__name__)


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
    now = now or timezone.now()
    retry = False
    for settings_row, occurrence in reminders.due_entries(now):
        retry |= reminders.send_reminders(settings_row, occurrence, now)
    retry |= changes.send_pending(now)
    following = reminders.next_due(now)
    if retry:
        soon = now + retry_delay()
        following = soon if following is None else min(following, soon)
    return following


@worker_task
def send_change_mails_task(ids):
    """The change emails one publish wrote (changes.published), sent at once by the worker."""
    retry = changes.send(ChangeMail.objects.filter(pk__in=ids))
    if retry:
        ensure_sweep(timezone.now() + retry_delay())
    return "retry later" if retry else "sent"


def on_published(sender, instance, **kwargs):
    """Wagtail's page_published, where alerts hooks its meeting-change notice too."""
    from events.models import EventPage, MeetingSeriesPage

    if not isinstance(instance, EventPage | MeetingSeriesPage):
        return
    created = changes.published(instance)
    if created is None:
        return
    ids = [mail.pk for mail in created]
    if ids:
        transaction.on_commit(lambda: send_change_mails_task.enqueue(ids))
    # A date moved earlier may fall due for its reminder sooner than the sweep thought.
    transaction.on_commit(ensure_sweep)


def on_migrated(sender, **kwargs):
    """After `migrate`: reminders of registrations made before (or while no worker ran) get
    their sweep. Harmless if one is queued already."""
    if kwargs.get("plan") is None or not _can_defer():
        return  # a flush (tests), not a migrate; or no queue that can wait
    try:
        if ChangeMail.objects.filter(sent_at__isnull=True).exists() or reminders.next_due(
            timezone.now() - LEAD
        ):
            ensure_sweep()
    except DatabaseError:  # a partial migrate (the queue's table not there yet)
        logger.info("registrations: no reminder sweep scheduled after migrate", exc_info=True)
