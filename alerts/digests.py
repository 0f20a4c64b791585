"""The weekly digest: one email per local (and the International) to its news subscribers, with
the posts published since its last digest, its next meetings and its office closures in the
coming two weeks. Sent only when there is a new post: a week with nothing new sends nothing.

Idempotent per owner per week: a DigestRun row, unique on (owner, ISO week), is written in the
same transaction as the digest's notice, so running the week's digests twice (two workers, a
restart) queues each digest once.

Scheduling without cron: `weekly_digests_task` runs the week's digests and enqueues itself for
the next slot (DIGEST_WEEKDAY at DIGEST_HOUR, the site's time zone) with the tasks framework's
`run_after`. The chain is started by the worker: `ensure_scheduled()` runs when a `db_worker`
process first connects to the database (alerts.apps), and enqueues the task if none is waiting;
`manage.py alerts_digests` runs this week's digests at once or (`--schedule`) starts the chain.
"""

import datetime as dt
import logging

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from events import queries as event_queries
from locals.models import LocalPage
from news.models import NewsIndexPage, NewsPage
from opeiu_site.core.page_tree import section_indexes
from opeiu_site.core.queries import live_public
from opeiu_site.core.sections import international_roots
from opeiu_site.core.tasks import worker_task

from .models import DigestRun, MailingList, Notice, Subscription, Topic

logger = logging.getLogger(__name__)

DIGEST_WEEKDAY = 0  # Monday
DIGEST_HOUR = 8
POSTS_SHOWN = 10
MEETINGS_SHOWN = 5
CLOSURE_DAYS = 14
FIRST_LOOK_BACK = dt.timedelta(days=7)


def week_of(now):
    year, week, _day = timezone.localtime(now).isocalendar()
    return f"{year}-W{week:02d}"


def next_slot(now):
    """The next DIGEST_WEEKDAY at DIGEST_HOUR (site time) after `now`."""
    local = timezone.localtime(now)
    days = (DIGEST_WEEKDAY - local.weekday()) % 7
    slot = local.replace(hour=DIGEST_HOUR, minute=0, second=0, microsecond=0) + dt.timedelta(
        days=days
    )
    if slot <= local:
        slot += dt.timedelta(days=7)
    return slot


def _owners():
    """[(key, section root page, local or None)] of every owner that may have a digest."""
    owners = []
    roots = international_roots()
    home = roots.first() if roots is not None else None
    if home is not None:
        owners.append(("international", home, None))
    for local in LocalPage.objects.live().order_by("number", "pk"):
        owners.append((f"local-{local.pk}", local, local))
    return owners


def new_posts(section, since):
    paths = [index.path for index in section_indexes(section, NewsIndexPage)]
    if not paths:
        return []
    under = Q()
    for path in paths:
        under |= Q(path__startswith=path)
    posts = (
        NewsPage.objects.filter(live_public(passed=section))
        .filter(under, depth=section.depth + 2, first_published_at__gt=since)
        .order_by("-first_published_at", "-pk")
    )
    return list(posts[:POSTS_SHOWN])


def digest_data(section, since, now):
    """What the digest says (JSON for the notice; the worker renders it), or None when no post
    is new."""
    posts = new_posts(section, since)
    if not posts:
        return None
    meetings = event_queries.next_of_each(section, limit=MEETINGS_SHOWN, now=now)
    today = timezone.localdate(now)
    closures = event_queries.closures_ahead(section, today, days=CLOSURE_DAYS)
    return {
        "owner": section.title,
        "url": section.full_url or "",
        "posts": [
            {
                "title": post.title,
                "url": post.full_url or "",
                "date": post.date.isoformat() if post.date else "",
                "summary": post.summary_text or "",
            }
            for post in posts
        ],
        "meetings": [
            {
                "title": item.title or item.page.title,
                "start": item.start.isoformat(),
                "zone": item.time_zone,
                "url": item.page.full_url or "",
                "all_day": item.all_day,
                "closure": str(getattr(item, "closure", "") or ""),
            }
            for item in meetings
        ],
        "closures": [{"date": day.isoformat(), "name": str(name)} for day, name in closures],
    }


def send_digests(now=None):
    """Queue this week's digest of every owner with news subscribers and a new post. Returns
    the notices queued."""
    from .meeting_changes import enqueue

    now = now or timezone.now()
    week = week_of(now)
    queued = []
    for key, section, local in _owners():
        lists = list(MailingList.objects.filter(local=local, topic=Topic.NEWS, series=None))
        if (
            not lists
            or not Subscription.objects.filter(
                mailing_list__in=lists, status=Subscription.CONFIRMED
            ).exists()
        ):
            continue
        if DigestRun.objects.filter(owner=key, week=week).exists():
            continue
        last = DigestRun.objects.filter(owner=key).order_by("-created_at").first()
        since = last.created_at if last else now - FIRST_LOOK_BACK
        data = digest_data(section, since, now)
        if data is None:
            continue
        try:
            with transaction.atomic():
                run = DigestRun.objects.create(owner=key, week=week, local=local)
                notice = Notice.objects.create(
                    kind=Notice.DIGEST,
                    local=local,
                    subject=f"{section.title}: this week",
                    data={**data, "week": week},
                )
                notice.mailing_lists.set(lists)
                run.notice = notice
                run.save(update_fields=["notice"])
                enqueue(notice)
        except IntegrityError:  # another run of the week made it first
            continue
        queued.append(notice)
    return queued


# Scheduling


def _can_defer():
    return weekly_digests_task.get_backend().supports_defer


def ensure_scheduled(now=None):
    """Enqueue the weekly task for its next slot unless one is already waiting. Returns the
    time it runs at, or None (one is waiting, or the backend runs tasks at once)."""
    if not _can_defer():
        return None
    from django_tasks_db.models import DBTaskResult

    path = weekly_digests_task.module_path
    if DBTaskResult.objects.filter(task_path=path, status="READY").exists():
        return None
    at = next_slot(now or timezone.now())
    weekly_digests_task.using(run_after=at).enqueue()
    return at


@worker_task
def weekly_digests_task():
    """This week's digests, then the next week's run (see the module)."""
    queued = send_digests()
    ensure_scheduled()
    return f"{len(queued)} digests queued"
