"""The calendar page of a section (the International or a local): its upcoming list, month
view and past events, its feed and its office closures' feed (its closures themselves are
closure_rule.py's ClosureRule)."""

import datetime as dt

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from opeiu_site.core import cache_tags
from opeiu_site.core.listing import paginate_or_404
from opeiu_site.core.models import BasePage
from opeiu_site.core.sections import section_of

from .. import choices, closures, ical, listing, notices, queries
from ..sections import Calendar
from ..subscribe_links import subscribe_links
from .entries import EventPage, MeetingSeriesPage

PER_PAGE = 20


class EventIndexPage(RoutablePageMixin, Calendar, BasePage):
    """The calendar: upcoming list (default), month view (`?month=YYYY-MM`), past events
    (past/), its feed (calendar.ics) and its office closures' feed (closures.ics)."""

    search_type_label = _("Calendar")

    section_index = True  # found by its section's composers (core.page_tree)
    listing_kind = choices.LISTING_KIND
    listing_in_tree = True  # a calendar may include the locals' events

    intro = models.TextField(_("introduction"), blank=True)
    include_sub_sections = models.BooleanField(
        _("include the locals' events by default"),
        default=True,
        help_text=_(
            "On the International's calendar: also list the events of the locals' calendars "
            "below this section (members can switch to this calendar's own events only)."
        ),
    )

    closures_in_feed = models.BooleanField(
        _("office closures in the calendar feed"),
        default=True,
        help_text=_(
            "Subscribers see the closures as all-day events that do not mark them busy. "
            "The closures also have a feed of their own."
        ),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("include_sub_sections"),
        InlinePanel("closure_rules", label=_("Office closure"), heading=_("Office closures")),
        FieldPanel("closures_in_feed"),
    ]
    parent_page_types = ["home.HomePage", "locals.LocalPage"]
    subpage_types = ["events.EventPage", "events.MeetingSeriesPage"]
    template = "events/event_index_page.html"

    class Meta:
        verbose_name = _("calendar")

    @path("")
    def upcoming_view(self, request):
        return self._listing(request, "upcoming")

    @path("past/")
    def past_view(self, request):
        return self._listing(request, "past")

    @path("calendar.ics/")
    def calendar_feed(self, request):
        filters = listing.CalendarFilterForm(request.GET).cleaned_or_404()
        under = self._listed_path(filters)
        events = queries.in_feed(EventPage.objects, under, passed=self)
        series = queries.in_feed(
            MeetingSeriesPage.objects.prefetch_related(
                "date_changes", "date_changes__venue", "change_notices"
            ),
            under,
            passed=self,
        )
        cache_tags.add(f"page-{self.pk}")
        return ical.calendar_feed(request, self, events, series)

    @path("closures.ics/")
    def closures_feed(self, request):
        cache_tags.add(f"page-{self.pk}")
        return ical.closures_feed(request, self)

    def _listed_path(self, filters):
        """The tree path whose entries this calendar lists: its own, or (scope "all") its
        section's, the locals' calendars below it included; declares that listing's cache
        tag."""
        if listing.effective_scope(self, filters) == "all":
            under = section_of(self).path
            cache_tags.add(cache_tags.tree(choices.LISTING_KIND, under))
            return under
        cache_tags.add(cache_tags.children(self))
        return self.path

    def _listing(self, request, view):
        filter_form = listing.CalendarFilterForm(request.GET)
        filters = filter_form.cleaned_or_404()
        if filters["month"]:
            view = "month"
        under = self._listed_path(filters)
        qs = queries.occurrences(self, filters, under=under)
        rules = list(self.closure_rules.all())
        today = timezone.localdate()
        cache_tags.add(f"page-{self.pk}")
        series = MeetingSeriesPage.objects.live().public().filter(path__startswith=under)
        change_notices = notices.current(series)
        cache_tags.add(*(f"page-{notice['page'].pk}" for notice in change_notices))
        feed_https, feed_webcal = ical.feed_links(request, self)
        closures_https, closures_webcal = ical.feed_links(request, self, "closures.ics")
        context = {
            "view": view,
            "filters": filters,
            "filter_form": filter_form,
            "scope": listing.effective_scope(self, filters),
            "change_notices": change_notices,
            "feed_https": feed_https,
            "feed_webcal": feed_webcal,
            "subscribe": subscribe_links(feed_https, feed_webcal, self.title),
            "closures_https": closures_https,
            "closures_webcal": closures_webcal,
            # From today, a year ahead, in date order: last January's are no use to anyone.
            "closure_list": closures.ahead(rules, today),
            "this_month": today.replace(day=1),
        }
        if view == "month":
            first = filters["month"] or today.replace(day=1)
            items = queries.flag_closures(queries.in_month(qs, first))
            month_closures = closures.closure_map(rules, [first.year])
            context.update(
                month=first,
                weeks=listing.month_grid(first, items, month_closures, today),
                month_items=items,
                previous_month=(first - dt.timedelta(days=1)).replace(day=1),
                next_month=(first + dt.timedelta(days=32)).replace(day=1),
            )
        else:
            ordered = queries.past_first(qs) if view == "past" else queries.upcoming_first(qs)
            page_obj = paginate_or_404(request, ordered, PER_PAGE)
            queries.flag_closures(page_obj.object_list)
            context.update(page_obj=page_obj, items=page_obj.object_list)
        return self.render(request, context_overrides=context)
