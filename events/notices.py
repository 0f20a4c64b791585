"""Late changes to a series: a date cancelled or moved within NOTICE_DAYS of it.

Members who looked at the calendar last week may not look again, so a late change gets a
notice at the top of the series page and the calendar ("Wed, Dec 2: moved to Dec 9") until
its date has passed, and in feeds the event's SUMMARY is prefixed ("Cancelled: ", "Moved: ")
for clients that ignore STATUS (Outlook). When a change was first published is recorded by
`record()` after each publish (see signals), in DateChangeNotice."""

import datetime as dt

from django.utils import dateformat, timezone
from django.utils.translation import gettext as _

from .choices import EventStatus
from .models.date_change import DateChangeNotice, SeriesDateChange

NOTICE_DAYS = 7
# How far back a moved date's original may lie while its new date is still ahead.
LOOK_BACK = dt.timedelta(days=60)


def state_of(change):
    """ "cancelled", "moved <date> <time>", or "" for a change that neither cancels nor moves."""
    if change.cancelled:
        return EventStatus.CANCELLED.value
    if change.new_date or change.new_start_time:
        moved = f"{EventStatus.MOVED.value} {change.new_date or ''} {change.new_start_time or ''}"
        return moved.strip()
    return ""


def record(page, now=None):
    """After `page` (a series) was published: note when each cancellation or move was first
    published; a different move of the same date counts as new."""
    now = now or timezone.now()
    stored = {notice.date: notice for notice in DateChangeNotice.objects.filter(page_id=page.pk)}
    for change in SeriesDateChange.objects.filter(page_id=page.pk):
        state = state_of(change)
        notice = stored.get(change.date)
        if not state or (notice is not None and notice.state == state):
            continue
        DateChangeNotice.objects.update_or_create(
            page_id=page.pk, date=change.date, defaults={"state": state, "announced_at": now}
        )


def is_late(change, notice, zone):
    if notice is None or notice.state != state_of(change):
        return False
    announced = notice.announced_at.astimezone(zone).date()
    return 0 <= (change.date - announced).days <= NOTICE_DAYS


def late_kinds(page, changes, notices=None):
    """{date: EventStatus.CANCELLED | EventStatus.MOVED} of the series' late changes."""
    if notices is None:
        notices = page.change_notices.all()
    by_date = {notice.date: notice for notice in notices}
    return {
        change.date: EventStatus(state_of(change).split()[0])
        for change in changes
        if is_late(change, by_date.get(change.date), page.zone)
    }


def describe(change):
    """ "Wed, Dec 2: cancelled" or "Wed, Dec 2: moved to Dec 9 at 7:00 p.m." """
    when = dateformat.format(change.date, "D, M j")
    if change.cancelled:
        return _("%(date)s: cancelled") % {"date": when}
    parts = []
    if change.new_date and change.new_date != change.date:
        parts.append(dateformat.format(change.new_date, "M j"))
    if change.new_start_time:
        parts.append(dateformat.time_format(change.new_start_time, "g:i a"))
    return _("%(date)s: moved to %(new)s") % {"date": when, "new": " at ".join(parts)}


def current(series, now=None):
    """[{"page", "date", "text"}] of the late changes of these series (a queryset of live,
    public MeetingSeriesPages) whose dates have not passed yet, soonest first."""
    now = now or timezone.now()
    notices = list(
        DateChangeNotice.objects.filter(
            page__in=series.values("pk"), date__gte=(now - LOOK_BACK).date()
        ).select_related("page")
    )
    if not notices:
        return []
    changes = {
        (change.page_id, change.date): change
        for change in SeriesDateChange.objects.filter(
            page_id__in={notice.page_id for notice in notices},
            date__in={notice.date for notice in notices},
        )
    }
    found = []
    for notice in notices:
        change = changes.get((notice.page_id, notice.date))
        page = notice.page
        if change is None or not is_late(change, notice, page.zone):
            continue
        last_day = max(change.date, change.new_date or change.date)
        if last_day < now.astimezone(page.zone).date():
            continue
        found.append({"page": page, "date": change.date, "text": describe(change)})
    return sorted(found, key=lambda item: (item["date"], item["page"].title))


def for_series(page, now=None):
    return current(type(page).objects.filter(pk=page.pk), now)
