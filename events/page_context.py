"""Template context for event and series pages: when, add-to-calendar links, JSON-LD."""

from django.utils import timezone

from . import ical, listing, notices, structured_data
from .models import EventPage, Occurrence
from .views import feed_links

SERIES_DATES_SHOWN = 12


def _google(page, start, end, mode, url, all_day=False, note=""):
    return ical.google_calendar_url(
        page.title,
        start,
        end,
        details=ical._description(page, mode, url, note),
        location=ical._location(page, mode),
        all_day=all_day,
    )


def entry_context(page, request):
    url = request.build_absolute_uri(page.get_url(request) or "/")
    https, webcal = feed_links(request, page) if page.live else ("", "")
    context = {"feed_https": https, "feed_webcal": webcal}
    if isinstance(page, EventPage):
        start, end = page.starts_at, page.ends_at
        context["is_past"] = end < timezone.now()
        context["google_url"] = _google(
            page, start, end, page.attendance_mode, url, page.is_all_day, page.status_reason
        )
        data = structured_data.event_data(
            page, url, start, end, page.attendance_mode, page.status, page.is_all_day
        )
        context["jsonld"] = data
        return context
    upcoming = list(
        Occurrence.objects.filter(page_id=page.pk, end__gte=timezone.now())
        .select_related("venue")
        .order_by("start")[:SERIES_DATES_SHOWN]
    )
    listing.flag_closures(upcoming)
    for item in upcoming:
        item.google_url = _google(
            page, item.start, item.end, item.attendance_mode, url, note=item.note
        )
    context["upcoming"] = upcoming
    context["change_notices"] = notices.for_series(page)
    context["changes"] = sorted(page.date_changes.all(), key=lambda change: change.date)
    data = [
        structured_data.event_data(
            page, url, item.start, item.end, item.attendance_mode, item.status
        )
        for item in upcoming[:3]
    ]
    context["jsonld"] = data
    return context
