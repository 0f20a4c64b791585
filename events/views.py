"""What the calendar and entry pages serve: listings, month view, and iCal feeds."""

import datetime as dt

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone

from opeiu_site.core import cache_tags
from opeiu_site.core.queries import live_public

from . import closures, ical, listing, notices
from .models import EventPage, MeetingSeriesPage

PER_PAGE = 20


def _page_number(request):
    raw = request.GET.get("page", "1")
    if not raw.isdigit() or int(raw) < 1:
        raise Http404("Bad page number")
    return int(raw)


def _paginate(request, qs):
    number = _page_number(request)
    paginator = Paginator(qs, PER_PAGE)
    if number > paginator.num_pages:
        raise Http404("No such page")
    return paginator.page(number)


def feed_links(request, page, name="calendar.ics"):
    """(https, webcal) URLs of a page's feed."""
    https = request.build_absolute_uri(page.get_url(request) + name)
    return https, "webcal://" + https.split("://", 1)[1]


def calendar(request, page, view):
    filters = listing.parse_filters(page, request.GET)
    if filters["month"]:
        view = "month"
    qs = listing.occurrences_for(page, filters)
    rules = list(page.closure_rules.all())
    today = timezone.localdate()
    cache_tags.add(f"page-{page.pk}")
    scope = listing.effective_scope(page, filters)
    change_notices = notices.for_calendar(
        listing.section_path(page) if scope == "all" else page.path
    )
    cache_tags.add(*(f"page-{notice['page'].pk}" for notice in change_notices))
    context = page.get_context(request)
    context.update(
        view=view,
        filters=filters,
        scope=scope,
        change_notices=change_notices,
        feed_https=feed_links(request, page)[0],
        feed_webcal=feed_links(request, page)[1],
        closures_https=feed_links(request, page, "closures.ics")[0],
        closures_webcal=feed_links(request, page, "closures.ics")[1],
        closure_list=closures.compute(rules, [today.year, today.year + 1]),
        this_month=today.replace(day=1),
    )
    if view == "month":
        first = filters["month"] or today.replace(day=1)
        items = listing.flag_closures(listing.in_month(qs, first))
        month_closures = closures.closure_map(rules, [first.year])
        context.update(
            month=first,
            weeks=listing.month_grid(first, items, month_closures, today),
            month_items=items,
            previous_month=(first - dt.timedelta(days=1)).replace(day=1),
            next_month=(first + dt.timedelta(days=32)).replace(day=1),
        )
    else:
        ordered = listing.past(qs) if view == "past" else listing.upcoming(qs)
        page_obj = _paginate(request, ordered)
        listing.flag_closures(page_obj.object_list)
        context.update(page_obj=page_obj, items=page_obj.object_list)
    return TemplateResponse(request, page.get_template(request), context)


def _url_for(request):
    return lambda entry: request.build_absolute_uri(entry.get_url(request))


def _feed_response(body, filename):
    response = HttpResponse(body, content_type=ical.CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def calendar_feed(request, page):
    filters = listing.parse_filters(page, request.GET)
    if listing.effective_scope(page, filters) == "all":
        where = {"path__startswith": listing.section_path(page)}
        cache_tags.add(cache_tags.tree("events", listing.section_path(page)))
    else:
        where = {"path__startswith": page.path}
        cache_tags.add(cache_tags.children(page))
    public = live_public(passed=page)
    events = EventPage.objects.filter(public, **where).select_related("venue").order_by("path")
    series = (
        MeetingSeriesPage.objects.filter(public, **where)
        .select_related("venue")
        .prefetch_related("date_changes", "change_notices")
        .order_by("path")
    )
    extra = ()
    if page.closures_in_feed:
        extra = ical.closure_components(
            page, page.closure_rules.all(), ical.closure_years(), _url_for(request)(page)
        )
    cache_tags.add(f"page-{page.pk}")
    body = ical.build_calendar(page.title, events, series, url_for=_url_for(request), extra=extra)
    return _feed_response(body, f"{page.slug}.ics")


def closures_feed(request, page):
    """The office closures of one calendar, a feed of their own."""
    cache_tags.add(f"page-{page.pk}")
    components = ical.closure_components(
        page, page.closure_rules.all(), ical.closure_years(), _url_for(request)(page)
    )
    body = ical.build_calendar(f"{page.title}: office closures", extra=components)
    return _feed_response(body, f"{page.slug}-closures.ics")


def entry_feed(request, page):
    if isinstance(page, MeetingSeriesPage):
        body = ical.build_calendar(page.title, series=[page], url_for=_url_for(request))
    else:
        body = ical.build_calendar(page.title, events=[page], url_for=_url_for(request))
    return _feed_response(body, f"{page.slug}.ics")
