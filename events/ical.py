"""iCalendar (RFC 5545) feeds that real clients import correctly, and their responses.

A series is ONE VEVENT with an RRULE, or with RDATEs that include its first date (ical.js
leaves out a DTSTART that is not also an RDATE). Every changed date is a second VEVENT with the
same UID and a RECURRENCE-ID of the original start: a cancelled one has STATUS:CANCELLED, a
SUMMARY starting "Cancelled: " (Outlook ignores STATUS) and its note, however far ahead it is
(an EXDATE would make the date vanish without its note).
Times carry their TZID and the calendar carries the matching VTIMEZONE. UIDs come from the
page's primary key (never from dates), so edits and moves update the event in subscribers'
calendars; DTSTAMP/LAST-MODIFIED come from the last publish and SEQUENCE counts publishes."""

import datetime as dt

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags
from icalendar import Calendar, Event, vRecur, vText

from opeiu_site.core.feed_text import multi_line, one_line

from . import closures, notices, recurrence, registration_info, vtimezone
from .choices import AttendanceMode, EventStatus, Frequency

# A cancelled one-off event stays in feeds this long after its date, so clients that already
# imported it see the cancellation before it disappears.
KEEP_CANCELLED = dt.timedelta(days=90)
CONTENT_TYPE = "text/calendar; charset=utf-8"
ICAL_STATUS = {
    EventStatus.SCHEDULED: "CONFIRMED",
    EventStatus.MOVED: "CONFIRMED",
    EventStatus.POSTPONED: "TENTATIVE",
    EventStatus.CANCELLED: "CANCELLED",
}

SUMMARY_PREFIX = {EventStatus.CANCELLED: "Cancelled: ", EventStatus.MOVED: "Moved: "}


def uid(page):
    prefix = "series" if hasattr(page, "date_changes") else "event"
    return f"{prefix}-{page.pk}@{settings.EVENTS_UID_DOMAIN}"


def _modified(page):
    return page.last_published_at or page.latest_revision_created_at or page.first_published_at


def _mode_text(mode):
    return str(AttendanceMode(mode).label)


def location(page, mode, venue=None):
    """The LOCATION of an entry attended in `mode`: the venue (a date's own, or the page's),
    "and online", or the link."""
    venue = venue or page.venue
    if mode == AttendanceMode.ONLINE or venue is None:
        return page.public_online_url or ("Online" if mode != AttendanceMode.IN_PERSON else "")
    text = one_line(venue.full_text)
    if mode == AttendanceMode.HYBRID:
        text += " and online"
    return text


def description(page, mode, url, note=""):
    """The DESCRIPTION of an entry (also the details of an add-to-Google-Calendar link)."""
    lines = []
    if note:
        lines.append(note)
    lines.append(f"Attendance: {_mode_text(mode)}")
    if mode != AttendanceMode.IN_PERSON and page.public_online_url:
        lines.append(f"Join online: {page.public_online_url}")
    on_site = registration_info.registration_for(page) if url else None
    if on_site:
        # Registration on this site (the registrations app): the form on the entry's page.
        which = " for some dates" if hasattr(page, "date_changes") else ""
        lines.append(f"Registration required{which}: {url}#register")
    elif page.registration_url:
        required = "required" if page.registration_required else "recommended"
        lines.append(f"Registration {required}: {page.registration_url}")
    if page.summary_text:
        lines.append(strip_tags(page.summary_text))
    if url:
        lines.append(f"Details: {url}")
    return multi_line("\n".join(lines))


def _common(vevent, page, url):
    vevent.add("uid", uid(page))
    modified = _modified(page)
    vevent.add("dtstamp", modified)
    vevent.add("last-modified", modified)
    if page.first_published_at:
        vevent.add("created", page.first_published_at)
    vevent.add("sequence", page.ical_sequence)
    vevent.add("summary", one_line(page.title))
    if url:
        vevent.add("url", url)


def event_components(page, url=""):
    vevent = Event()
    _common(vevent, page, url)
    if page.is_all_day:
        vevent.add("dtstart", page.start_date)
        vevent.add("dtend", page.ends_at.date())
    else:
        vevent.add("dtstart", page.starts_at)
        vevent.add("dtend", page.ends_at)
    vevent.add("status", ICAL_STATUS[page.status])
    vevent.add("location", location(page, page.attendance_mode))
    vevent.add("description", description(page, page.attendance_mode, url, page.status_reason))
    return [vevent]


def series_components(page, url="", changes=None):
    changes = list(page.date_changes.all()) if changes is None else changes
    # A late move gets a "Moved: " SUMMARY, as every cancellation gets "Cancelled: ".
    late = notices.late_kinds(page, changes)
    master = Event()
    _common(master, page, url)
    if page.frequency == Frequency.DATES:
        dates = recurrence.parse_dates(page.explicit_dates)
        dates = [d for d in dates if not page.last_date or d <= page.last_date] or [page.first_date]
        first, extra = dates[0], dates[1:]
    else:
        first, extra = page.first_date, []
        # DTSTART must itself be an instance of the rule: start at the rule's first date.
        rule_first = recurrence.rule_dates(page, page.first_date + dt.timedelta(days=62))
        if rule_first:
            first = rule_first[0]
    master.add("dtstart", page.original_start(first))
    master.add("duration", page.duration)
    rule = recurrence.ical_rrule(page)
    if rule:
        master.add("rrule", vRecur(rule))
    if extra:
        master.add("rdate", [page.original_start(d) for d in [first, *extra]])
    master.add("status", "CONFIRMED")
    master.add("location", location(page, page.attendance_mode))
    master.add("description", description(page, page.attendance_mode, url))
    components = [master]
    for change in sorted(changes, key=lambda c: c.date):
        original = page.original_start(change.date)
        start = recurrence.aware(
            change.new_date or change.date, change.new_start_time or page.start_time, page.time_zone
        )
        if change.cancelled:
            start = original
        mode = change.attendance_mode or page.attendance_mode
        override = Event()
        _common(override, page, url)
        override.add("recurrence-id", original)
        override.add("dtstart", start)
        override.add("dtend", start + page.duration)
        override.add("status", "CANCELLED" if change.cancelled else "CONFIRMED")
        kind = EventStatus.CANCELLED if change.cancelled else late.get(change.date)
        if kind:
            override["SUMMARY"] = vText(f"{SUMMARY_PREFIX[kind]}{override['SUMMARY']}")
        override.add("location", location(page, mode, change.venue))
        override.add("description", description(page, mode, url, change.note))
        components.append(override)
    return components


def closure_components(calendar_page, rules, years, url=""):
    """Office closures as all-day events that do not block free/busy (TRANSP:TRANSPARENT), one
    UID per rule and year: a rule whose date changes (an edit, an observed day) updates the
    event subscribers already have instead of adding a second one."""
    rules = list(rules)
    rule_ids = {}
    for rule in rules:
        rule_ids.setdefault(rule.name, rule.pk)
    modified = _modified(calendar_page) or timezone.now()
    components = []
    for day, name, year in closures.compute_with_rule_year(rules, years):
        vevent = Event()
        vevent.add("uid", f"closure-{rule_ids[name]}-{year}@{settings.EVENTS_UID_DOMAIN}")
        vevent.add("dtstamp", modified)
        vevent.add("summary", one_line(f"Office closed: {name}"))
        vevent.add("dtstart", day)
        vevent.add("dtend", day + dt.timedelta(days=1))
        vevent.add("transp", "TRANSPARENT")
        vevent.add("status", "CONFIRMED")
        vevent.add("categories", ["Office closure"])
        if url:
            vevent.add("url", url)
        components.append(vevent)
    return components


def closure_years(now=None):
    """The years whose closures a feed lists: last year (for what clients imported) to two
    years ahead (for planning)."""
    year = timezone.localdate(now).year
    return [year - 1, year, year + 1, year + 2]


def build_calendar(name, events=(), series=(), url_for=None, now=None, extra=()):
    """An iCalendar document (bytes) for these EventPage and MeetingSeriesPage instances, and
    `extra` components (office closures) after them."""
    now = now or timezone.now()
    url_for = url_for or (lambda page: "")
    cal = Calendar()
    cal.add("prodid", "-//OPEIU//Calendars//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", one_line(name))
    cal.add("refresh-interval", dt.timedelta(hours=12), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT12H")
    events, series = list(events), list(series)
    registration_info.prime([*events, *series])
    for page in events:
        if page.status == EventStatus.CANCELLED and page.ends_at < now - KEEP_CANCELLED:
            continue
        for component in event_components(page, url_for(page)):
            cal.add_component(component)
    for page in series:
        for component in series_components(page, url_for(page)):
            cal.add_component(component)
    for component in extra:
        cal.add_component(component)
    vtimezone.add_to_calendar(cal)
    return cal.to_ical()


def google_calendar_url(title, start, end, details="", location="", all_day=False):
    """An "add to Google Calendar" link for one occurrence (times in UTC)."""
    from urllib.parse import urlencode

    if all_day:
        dates = f"{start:%Y%m%d}/{end:%Y%m%d}"
    else:
        fmt = "%Y%m%dT%H%M%SZ"
        dates = f"{start.astimezone(dt.UTC):{fmt}}/{end.astimezone(dt.UTC):{fmt}}"
    query = {"action": "TEMPLATE", "text": title, "dates": dates, "details": details}
    if location:
        query["location"] = location
    return "https://calendar.google.com/calendar/render?" + urlencode(query)


# Responses


def feed_links(request, page, name="calendar.ics"):
    """(https, webcal) URLs of a page's feed."""
    https = request.build_absolute_uri(page.get_url(request) + name)
    return https, "webcal://" + https.split("://", 1)[1]


def absolute_urls(request):
    """A `url_for` for `build_calendar`: each entry's absolute URL."""
    return lambda entry: request.build_absolute_uri(entry.get_url(request))


def feed_response(body, filename):
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def calendar_feed(request, calendar_page, events, series):
    """The feed of a calendar: `events` and `series` (the live, public entries it lists), and
    its office closures unless its editors left them out."""
    url_for = absolute_urls(request)
    extra = ()
    if calendar_page.closures_in_feed:
        extra = closure_components(
            calendar_page,
            calendar_page.closure_rules.all(),
            closure_years(),
            url_for(calendar_page),
        )
    body = build_calendar(calendar_page.title, events, series, url_for=url_for, extra=extra)
    return feed_response(body, f"{calendar_page.slug}.ics")


def closures_feed(request, calendar_page):
    """The office closures of one calendar, a feed of their own."""
    components = closure_components(
        calendar_page,
        calendar_page.closure_rules.all(),
        closure_years(),
        absolute_urls(request)(calendar_page),
    )
    body = build_calendar(f"{calendar_page.title}: office closures", extra=components)
    return feed_response(body, f"{calendar_page.slug}-closures.ics")


def entry_feed(request, page):
    """The feed of one event or series page."""
    if hasattr(page, "date_changes"):
        body = build_calendar(page.title, series=[page], url_for=absolute_urls(request))
    else:
        body = build_calendar(page.title, events=[page], url_for=absolute_urls(request))
    return feed_response(body, f"{page.slug}.ics")
