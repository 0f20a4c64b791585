"""Publishing a meeting series: what changed date by date becomes ONE notice to the series'
subscribers and the local's meeting-changes subscribers. The publishing request only writes
the notice row and enqueues its task (on commit); the worker renders and sends.

What changed is the difference between the series' per-date changes now and as last announced
(SeriesSnapshot). The first publish a series gets here only records the snapshot. Dates already
past are left out; a publish that changes nothing ahead sends nothing."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from events import recurrence
from events.date_diff import fingerprint, state_text
from events.ical import location
from events.models import SeriesDateChange
from locals.models import LocalPage

from .models import MailingList, Notice, SeriesSnapshot, Subscription, Topic


def _key(change):
    return [str(value) if value not in (None, "") else "" for value in fingerprint(change)]


def owner_local(page):
    return LocalPage.objects.ancestor_of(page, inclusive=True).order_by("-depth").first()


def _change_data(series, date, change):
    cancelled = bool(change and change.cancelled)
    start = recurrence.aware(
        (change.new_date if change and change.new_date and not cancelled else None) or date,
        (change.new_start_time if change and not cancelled else None) or series.start_time,
        series.time_zone,
    )
    mode = (change.attendance_mode if change else "") or series.attendance_mode
    return {
        "date": date.isoformat(),
        "start": start.isoformat(),
        "cancelled": cancelled,
        "moved": bool(change and (change.new_date or change.new_start_time) and not cancelled),
        "state": str(state_text(series, change)),
        "where": "" if cancelled else location(series, mode, change.venue if change else None),
        "note": change.note if change else "",
    }


def _previous_revision_keys(series):
    revisions = series.revisions.order_by("-created_at", "-pk")
    if series.live_revision_id:
        revisions = revisions.exclude(pk=series.live_revision_id)
    previous = revisions.first()
    if previous is None:
        return None
    page = previous.as_object()
    return {change.date.isoformat(): _key(change) for change in page.date_changes.all()}


def published(series):
    """Called after `series` was published: queue one notice for what changed, if anything."""
    current = {
        change.date: change
        for change in SeriesDateChange.objects.filter(page_id=series.pk).select_related("venue")
    }
    keys = {date.isoformat(): _key(change) for date, change in current.items()}
    snapshot = SeriesSnapshot.objects.filter(series_id=series.pk).first()
    if snapshot is None:
        # Never announced here (a new series, or one published before this app): compare with
        # the revision before the one just published; a first revision announces nothing.
        SeriesSnapshot.objects.create(series_id=series.pk, changes=keys)
        before = _previous_revision_keys(series)
        if before is None:
            return None
    else:
        before = snapshot.changes
        snapshot.changes = keys
        snapshot.save(update_fields=["changes", "updated_at"])
    today = timezone.now().astimezone(series.zone).date()
    changed = sorted(
        dt.date.fromisoformat(day)
        for day in set(before) | set(keys)
        if before.get(day) != keys.get(day) and dt.date.fromisoformat(day) >= today
    )
    if not changed:
        return None
    local = owner_local(series)
    lists = list(
        MailingList.objects.filter(local=local, topic=Topic.MEETINGS)
        | MailingList.objects.filter(topic=Topic.SERIES, series_id=series.pk)
    )
    if not Subscription.objects.filter(
        mailing_list__in=lists, status=Subscription.CONFIRMED
    ).exists():
        return None
    notice = Notice.objects.create(
        kind=Notice.MEETING_CHANGE,
        local=local,
        series_id=series.pk,
        data={
            "title": series.title,
            "owner": local.title if local else "OPEIU",
            "url": series.full_url or "",
            "changes": [_change_data(series, day, current.get(day)) for day in changed],
        },
    )
    notice.mailing_lists.set(lists)
    enqueue(notice)
    return notice


def enqueue(notice):
    from .tasks import send_notice_task

    transaction.on_commit(lambda: send_notice_task.enqueue(notice.pk))
