"""Bench builder: 100 meeting series over the demo's calendars (the International's and the
locals'), materialised by the events app's own `sync_page` into 50,000 occurrences."""

import datetime as dt

from bench.dataset import builder
from tests.bulk import bulk_pages

SERIES = 100
OCCURRENCES_PER_SERIES = 500


@builder("meeting series", order=60)
def meeting_series(scale, progress):
    from django.utils import timezone

    from events.models import EventIndexPage, MeetingSeriesPage
    from events.occurrences import horizon_date, sync_page

    calendars = list(EventIndexPage.objects.live().order_by("path"))
    done = MeetingSeriesPage.objects.filter(slug__startswith="bench-series-").count()
    total = SERIES * scale
    bar = progress("meeting series", total)
    bar.update(done)
    # Weekly series whose first date lies 499 weeks before the materialisation horizon: each
    # has exactly 500 occurrences (most past, about 78 ahead), 50,000 in all.
    horizon = horizon_date()
    first_date = horizon - dt.timedelta(weeks=OCCURRENCES_PER_SERIES - 1)
    published = timezone.now() - dt.timedelta(days=400)
    by_calendar = {}
    for number in range(done, total):
        by_calendar.setdefault(number % len(calendars), []).append(number)
    for position, numbers in by_calendar.items():
        rows = [
            {
                "title": f"Union meeting series {number}",
                "slug": f"bench-series-{number}",
                "frequency": "weekly",
                "weekdays": [first_date.weekday()],
                "start_time": dt.time(12 + number % 8),
                "duration_minutes": 60,
                "first_date": first_date,
                "time_zone": "America/New_York",
                "attendance_mode": "online",
                "listing_summary": f"A weekly meeting of members, series {number}.",
            }
            for number in numbers
        ]
        bulk_pages(calendars[position], MeetingSeriesPage, rows, published)
    series = MeetingSeriesPage.objects.filter(slug__startswith="bench-series-").order_by("pk")
    pending = series.filter(event_occurrences__isnull=True)
    bar_occurrences = progress("occurrences", total * OCCURRENCES_PER_SERIES)
    bar_occurrences.update((series.count() - pending.count()) * OCCURRENCES_PER_SERIES)
    for page in pending:
        bar.update()
        bar_occurrences.update(sync_page(page, horizon))
