"""The admin's calendar import, run by the task worker with its progress shown.

The upload view (import_views.py) stores the file with its calendar, owner and user as a
`CalendarImport` and enqueues `import_calendar_task` once that row is committed; the status
page (`events_import_status`) reads the row. With TASKS_WORKER off the task runs in the request
itself (tests, `make dev` without a worker), so the status page shows the result at once.

A run:
1. claims the import (queued -> running, a new attempt), counts the file's events (the total
   shown), all committed at once, so the status page says "Saving 0 of 600";
2. in one transaction: locks the calendar (two imports into one calendar run one after the
   other, each planning from what the other saved), plans afresh (the calendar may have
   changed since the preview), applies, and marks the import done; the mark and the pages
   commit together. Progress (events done) is written on a second database connection, so
   the status page sees it during the transaction (PostgreSQL; SQLite has one writer at a
   time, so there the page says "Saving 600 events" until the end).
3. An error in the file rolls everything back and marks the import failed with its message.

A worker killed mid-run (SIGKILL, out of memory, a redeploy) leaves the import "running" with
nothing of it saved (the transaction dies with the connection); once it has not reported for
EVENTS_IMPORT_STALLED_SECONDS the status page says so and offers "Start again", which queues a
new attempt with the stored file. An attempt that was only slow, not dead, and finishes after
a restart was queued finds its attempt superseded and rolls itself back."""

import logging
import time

from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.db.models import F
from django.utils import timezone

from opeiu_site.core.tasks import worker_task

from .importer import ImportFileError, run_import
from .importer.reading import VEVENT_RE
from .models import CalendarImport, EventIndexPage

logger = logging.getLogger(__name__)

Status = CalendarImport.Status

# Progress is written at most this often (a 600-event import reports a few dozen times).
PROGRESS_SECONDS = 0.25


class Superseded(Exception):
    """This attempt was restarted meanwhile: its work is rolled back, the newer one counts."""


def queue(calendar, content, user, publish, file_name=""):
    """Store the file as an import of `calendar` by `user` and have the worker run it once
    the current transaction has committed; returns the CalendarImport."""
    from opeiu_site.core.sections import section_of

    job = CalendarImport.objects.create(
        calendar=calendar,
        section=section_of(calendar) or calendar,
        user=user,
        file_name=file_name[:255],
        content=content,
        publish=publish,
    )
    _enqueue_on_commit(job.pk)
    return job


def restart(job):
    """Queue a new attempt of a stopped import (`job.stalled`); False if it is not stopped."""
    if not job.stalled:
        return False
    with transaction.atomic():
        count = CalendarImport.objects.filter(
            pk=job.pk, status=Status.RUNNING, attempt=job.attempt
        ).update(status=Status.QUEUED, done=0, heartbeat_at=timezone.now(), error="")
        if count:
            _enqueue_on_commit(job.pk)
    return bool(count)


def _enqueue_on_commit(job_id):
    transaction.on_commit(lambda: import_calendar_task.enqueue(job_id))


@worker_task
def import_calendar_task(import_id):
    run(import_id)


class _Reporter:
    """Writes (done, total) events and the heartbeat of one attempt, at most every
    PROGRESS_SECONDS, outside the import's transaction."""

    def __init__(self, job_id, attempt, total):
        self.job_id, self.attempt, self.total = job_id, attempt, total
        self.last = 0.0
        self.side = None

    def __call__(self, pages_done, pages_total):
        now = time.monotonic()
        if now - self.last < PROGRESS_SECONDS:
            return
        self.last = now
        done = self.total if not pages_total else round(self.total * pages_done / pages_total)
        self._write(done)

    def _write(self, done):
        if not connection.in_atomic_block:
            CalendarImport.objects.filter(pk=self.job_id, attempt=self.attempt).update(
                done=done, heartbeat_at=timezone.now()
            )
            return
        if connection.vendor != "postgresql":
            return  # SQLite: the import holds the only write lock until it commits
        if self.side is None:
            self.side = connections.create_connection(DEFAULT_DB_ALIAS)
        table = self.side.ops.quote_name(CalendarImport._meta.db_table)
        with self.side.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET done = %s, heartbeat_at = %s WHERE id = %s AND attempt = %s",
                [done, timezone.now(), self.job_id, self.attempt],
            )

    def close(self):
        if self.side is not None:
            self.side.close()


def _claim(import_id):
    """Mark a queued import running as a new attempt; None if it is not queued (done, failed,
    or running elsewhere)."""
    now = timezone.now()
    claimed = CalendarImport.objects.filter(pk=import_id, status=Status.QUEUED).update(
        status=Status.RUNNING,
        attempt=F("attempt") + 1,
        started_at=now,
        heartbeat_at=now,
        done=0,
        total=None,
    )
    return CalendarImport.objects.get(pk=import_id) if claimed else None


def run(import_id):
    """Run one queued import (what the task does); returns the CalendarImport."""
    job = _claim(import_id)
    if job is None:
        return CalendarImport.objects.filter(pk=import_id).first()
    total = len(VEVENT_RE.findall(job.content))
    CalendarImport.objects.filter(pk=job.pk, attempt=job.attempt).update(
        total=total, heartbeat_at=timezone.now()
    )
    reporter = _Reporter(job.pk, job.attempt, total)
    try:
        with transaction.atomic():
            # One import per calendar at a time: the next one plans from what this one saved.
            EventIndexPage.objects.select_for_update().filter(pk=job.calendar_id).first()
            user_id = job.user_id
            totals, warnings = run_import(
                job.calendar_id,
                job.content,
                user_id,
                publish=job.publish,
                progress=reporter,
                with_warnings=True,
            )
            finished = CalendarImport.objects.filter(
                pk=job.pk, attempt=job.attempt, status=Status.RUNNING
            ).update(
                status=Status.DONE,
                done=total,
                result={"totals": totals, "warnings": warnings},
                content="",
                finished_at=timezone.now(),
                heartbeat_at=timezone.now(),
            )
            if not finished:
                raise Superseded
    except Superseded:
        logger.warning("calendar import %s: attempt %s was restarted", job.pk, job.attempt)
    except ImportFileError as error:
        _fail(job, str(error))
    except Exception:
        logger.exception("calendar import %s failed", job.pk)
        _fail(job, "The import stopped on an unexpected error; nothing was changed.")
    finally:
        reporter.close()
    return CalendarImport.objects.get(pk=job.pk)


def _fail(job, message):
    CalendarImport.objects.filter(pk=job.pk, attempt=job.attempt).update(
        status=Status.FAILED,
        error=message,
        content="",
        finished_at=timezone.now(),
        heartbeat_at=timezone.now(),
    )
