"""Template context for event and series pages: when, add-to-calendar links, JSON-LD."""

from django.utils import timezone

from . import ical, notices, queries, structured_data

SERIES_DATES_SHOWN = 12


def _google(page, start, end, mode, url, all_day=False, note="", venue=None):
    return ical.google_calendar_url(
        page.title,
        start,
        end,
        details=ical.description(page, mode, url, note),
        location=ical.location(page, mode, venue),
        all_day=all_day,
    )


def _common(page, request):
    url = request.build_absolute_uri(page.get_url(request) or "/")
    https, webcal = ical.feed_links(request, page) if page.live else ("", "")
    return url, {"feed_https": https, "feed_webcal": webcal}


def event_context(page, request):
    url, context = _common(page, request)
    start, end = page.starts_at, page.ends_at
    context["is_past"] = end < timezone.now()
    context["google_url"] = _google(
        page, start, end, page.attendance_mode, url, page.is_all_day, page.status_reason
    )
    context["jsonld"] = structured_data.event_data(
        page, url, start, end, page.attendance_mode, page.status, page.is_all_day
    )
    return context


def series_context(page, request):
    url, context = _common(page, request)
    if getattr(request, "is_preview", False):
        # A revision's preview (the moderator's): its own dates, not the published ones.
        dates = queries.draft_series_dates(page, SERIES_DATES_SHOWN)
    else:
        dates = queries.series_dates(page, SERIES_DATES_SHOWN)
    upcoming = queries.flag_closures(dates)
    for item in upcoming:
        item.google_url = _google(
            page, item.start, item.end, item.attendance_mode, url, note=item.note, venue=item.venue
        )
    context["upcoming"] = upcoming
    context["change_notices"] = notices.for_series(page)
    context["changes"] = sorted(page.date_changes.all(), key=lambda change: change.date)
    context["jsonld"] = [
        structured_data.event_data(
            page,
            url,
            item.start,
            item.end,
            item.attendance_mode,
            item.status,
            date=timezone.localtime(item.original_start, page.zone).date(),
        )
        for item in upcoming[:3]
    ]
    return context
