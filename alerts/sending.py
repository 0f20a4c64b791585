"""The worker's side of a notice: prepare it once, then drain its deliveries in batches.

Never lose, never double:
- Each (notice, address) is one Delivery row (unique): preparing twice adds nobody twice.
- A batch is *claimed* in a short transaction (SELECT ... FOR UPDATE SKIP LOCKED on PostgreSQL;
  SQLite's IMMEDIATE transactions serialize writers): its rows become `sending` with a lease.
  Two workers never claim the same row.
- A row is marked `sent` right after the mail server (or provider) accepted the message, one
  row at a time, outside any long transaction: a worker killed mid-batch leaves what it sent
  marked sent and the rest `sending` under a lease that runs out.
- Before a batch is sent, the claim's transaction also schedules a follow-up run of the task
  for after the lease (`ensure_followup`): if the worker dies, the restarted worker runs it and
  claims the rows whose lease ran out. The only window for a duplicate is between the server's
  250 and the UPDATE right after it; a resend then carries the same Message-ID.
- Temporary failures (4xx, connection refused, timeouts) put the row back in the queue with an
  exponential backoff (ALERTS_RETRY_SECONDS, doubled per attempt, at most
  ALERTS_RETRY_MAX_SECONDS) until ALERTS_MAX_ATTEMPTS; permanent ones mark it failed.
- The pace is ALERTS_RATE_PER_SECOND messages per second per worker.
"""

import datetime as dt
import logging
import time

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, F, Min, Q
from django.utils import timezone

from opeiu_site.core.tasks import worker_task

from .mail import is_hard_bounce, is_temporary, mailer, notice_message, rejected_by_provider
from .models import Delivery, Notice, Subscription, Suppression, Topic

logger = logging.getLogger(__name__)

# The most specific list an address is on names the list in its footer and unsubscribe link.
TOPIC_ORDER = [Topic.SERIES, Topic.MEETINGS, Topic.ACTIONS, Topic.NEWS]


def _lease():
    return dt.timedelta(seconds=settings.ALERTS_CLAIM_SECONDS)


def _can_defer():
    return send_notice_task.get_backend().supports_defer


def ensure_followup(notice_id, at):
    """Make sure the task runs for this notice at `at` at the latest (a worker restarted after
    a crash finds it in the queue). Call inside a transaction, so it commits with the claim."""
    if not _can_defer():
        return
    notice = Notice.objects.select_for_update().only("followup_at").get(pk=notice_id)
    now = timezone.now()
    if notice.followup_at is not None and now <= notice.followup_at <= at:
        return  # an earlier run is due; it reschedules what it cannot do yet
    send_notice_task.using(run_after=at).enqueue(notice_id)
    Notice.objects.filter(pk=notice_id).update(followup_at=at)


def recipients(notice):
    """[(email, subscription id)] of the confirmed subscribers of the notice's lists, each
    address once (on its most specific list), suppressed addresses left out."""
    rows = (
        Subscription.objects.filter(
            mailing_list__in=notice.mailing_lists.all(), status=Subscription.CONFIRMED
        )
        .exclude(email__in=Suppression.objects.values("email"))
        .values_list("email", "pk", "mailing_list__topic")
    )
    best = {}
    for email, pk, topic in rows:
        rank = TOPIC_ORDER.index(topic) if topic in TOPIC_ORDER else len(TOPIC_ORDER)
        if email not in best or rank < best[email][0]:
            best[email] = (rank, pk)
    return [(email, pk) for email, (rank, pk) in best.items()]


def populate(notice):
    """The notice's Delivery rows, straight from the subscriptions in SQL (INSERT ... SELECT:
    50,000 rows without a round trip each). Lists go most specific first, and an address
    already queued is skipped (ON CONFLICT DO NOTHING on the unique (notice, email)), so each
    address gets one row, named by its most specific list. Idempotent."""
    lists = sorted(
        notice.mailing_lists.all(),
        key=lambda item: TOPIC_ORDER.index(item.topic) if item.topic in TOPIC_ORDER else 99,
    )
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    sql = f"""
        INSERT INTO {Delivery._meta.db_table}
            (notice_id, email, subscription_id, status, attempts, next_attempt_at,
             message_id, error)
        SELECT %s, s.email, s.id, %s, 0, %s, '', ''
        FROM {Subscription._meta.db_table} s
        WHERE s.mailing_list_id = %s AND s.status = %s
          AND NOT EXISTS (SELECT 1 FROM {Suppression._meta.db_table} x WHERE x.email = s.email)
        ORDER BY s.id
        ON CONFLICT (notice_id, email) DO NOTHING
    """  # noqa: S608 (table names from the models, values as parameters)
    added = 0
    with connection.cursor() as cursor:
        for mailing_list in lists:
            params = [notice.pk, Delivery.QUEUED, now, mailing_list.pk, Subscription.CONFIRMED]
            cursor.execute(sql, params)
            added += max(cursor.rowcount, 0)
    return added


def prepare(notice_id):
    """Render the notice once and queue its recipients; a notice already prepared is left."""
    from .render import render_notice

    with transaction.atomic():
        notice = Notice.objects.select_for_update().get(pk=notice_id)
        if notice.status != Notice.QUEUED:
            return notice
        ensure_followup(notice.pk, timezone.now() + 2 * _lease())
        render_notice(notice)
        populate(notice)
        notice.status = Notice.SENDING
        notice.save(update_fields=["subject", "text", "html", "ics", "status"])
    return notice


def claim(notice_id, size=None):
    """Up to `size` deliveries of the notice that are due (queued and due, or left `sending`
    by a worker whose lease ran out), marked `sending` under this worker's lease."""
    size = size or settings.ALERTS_BATCH_SIZE
    with transaction.atomic():
        now = timezone.now()
        due = Delivery.objects.filter(notice_id=notice_id).filter(
            Q(status=Delivery.QUEUED, next_attempt_at__lte=now)
            | Q(status=Delivery.SENDING, lease_until__lt=now)
        )
        if connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True)
        ids = list(due.order_by("pk").values_list("pk", flat=True)[:size])
        if not ids:
            return []
        lease_until = now + _lease()
        Delivery.objects.filter(pk__in=ids).update(
            status=Delivery.SENDING, lease_until=lease_until, attempts=F("attempts") + 1
        )
        ensure_followup(notice_id, lease_until + _lease())
    return list(
        Delivery.objects.filter(pk__in=ids)
        .select_related("subscription__mailing_list")
        .order_by("pk")
    )


def _backoff(attempts):
    seconds = settings.ALERTS_RETRY_SECONDS * 2 ** max(attempts - 1, 0)
    return dt.timedelta(seconds=min(seconds, settings.ALERTS_RETRY_MAX_SECONDS))


def _update(delivery, **fields):
    """Change a row this worker still holds (a row whose lease ran out may be someone else's)."""
    return Delivery.objects.filter(pk=delivery.pk, status=Delivery.SENDING).update(**fields)


def _failed(delivery, error):
    text = f"{type(error).__name__}: {error}"[:2000]
    if is_temporary(error) and delivery.attempts < settings.ALERTS_MAX_ATTEMPTS:
        _update(
            delivery,
            status=Delivery.QUEUED,
            next_attempt_at=timezone.now() + _backoff(delivery.attempts),
            lease_until=None,
            error=text,
        )
        return
    if is_hard_bounce(error):
        Suppression.objects.get_or_create(
            email=delivery.email, defaults={"reason": "rejected", "detail": text}
        )
        _update(delivery, status=Delivery.BOUNCED, error=text)
        return
    _update(delivery, status=Delivery.FAILED, error=text)


def _still_wanted(delivery):
    subscription = delivery.subscription
    if subscription is None or subscription.status != Subscription.CONFIRMED:
        return False
    return not Suppression.objects.filter(email=delivery.email).exists()


class Pacer:
    """At most `rate` messages per second (sleeps in the worker, never in a web request)."""

    def __init__(self, rate):
        self.interval = 1.0 / rate if rate and rate > 0 else 0.0
        self.next = time.monotonic()

    def wait(self):
        now = time.monotonic()
        if self.next > now:
            time.sleep(self.next - now)
        self.next = max(self.next, now) + self.interval


def _close(connection_):
    try:
        connection_.close()
    except Exception:  # a dead connection may fail to say QUIT; it is gone either way
        logger.debug("closing the mail connection failed", exc_info=True)


def send_batch(notice, batch, pacer):
    connection_ = mailer()
    margin = dt.timedelta(seconds=min(5, settings.ALERTS_CLAIM_SECONDS / 4))
    try:
        for position, delivery in enumerate(batch):
            if timezone.now() >= delivery.lease_until - margin:
                # Out of lease: give the rest back rather than risk a second sender.
                rest = [d.pk for d in batch[position:]]
                Delivery.objects.filter(pk__in=rest, status=Delivery.SENDING).update(
                    status=Delivery.QUEUED, lease_until=None, attempts=F("attempts") - 1
                )
                return
            if not _still_wanted(delivery):
                _update(delivery, status=Delivery.SKIPPED, error="unsubscribed or suppressed")
                continue
            pacer.wait()
            message = notice_message(notice, delivery)
            try:
                connection_.send_messages([message])
            except Exception as error:
                logger.warning("alert %s to delivery %s failed: %s", notice.pk, delivery.pk, error)
                _close(connection_)
                _failed(delivery, error)
                continue
            rejected = rejected_by_provider(message)
            if rejected:
                _update(delivery, status=Delivery.FAILED, error=f"provider: {rejected}")
                continue
            _update(
                delivery,
                status=Delivery.SENT,
                sent_at=timezone.now(),
                message_id=message.extra_headers.get("Message-ID", ""),
                lease_until=None,
                error="",
            )
    finally:
        _close(connection_)


def finish(notice_id):
    """Done when nothing is left to send; otherwise a run is scheduled for the next due row."""
    with transaction.atomic():
        pending = Delivery.objects.filter(
            notice_id=notice_id, status__in=[Delivery.QUEUED, Delivery.SENDING]
        )
        if not pending.exists():
            Notice.objects.filter(pk=notice_id).update(status=Notice.DONE)
            return True
        times = pending.aggregate(
            retry=Min("next_attempt_at", filter=Q(status=Delivery.QUEUED)),
            lease=Min("lease_until", filter=Q(status=Delivery.SENDING)),
        )
        due = min(t for t in times.values() if t is not None)
        ensure_followup(notice_id, max(due, timezone.now()) + dt.timedelta(seconds=0.5))
    return False


def run(notice_id):
    """The task's work: prepare, send every due batch, schedule what remains."""
    try:
        notice = prepare(notice_id)
    except Notice.DoesNotExist:
        return "gone"
    if notice.status == Notice.DONE:
        return "done"
    pacer = Pacer(settings.ALERTS_RATE_PER_SECOND)
    while batch := claim(notice.pk):
        send_batch(notice, batch, pacer)
    return "done" if finish(notice.pk) else "waiting"


def progress(notice):
    """{status: count} of a notice's deliveries, every status present."""
    counts = dict.fromkeys(dict(Delivery.STATUS_CHOICES), 0)
    rows = notice.deliveries.values("status").annotate(n=Count("pk")).values_list("status", "n")
    counts.update(dict(rows))
    return counts


@worker_task
def send_notice_task(notice_id):
    """The worker's task for a notice (enqueued on commit by whoever made the notice, and by
    `ensure_followup`): `run` it."""
    return run(notice_id)
