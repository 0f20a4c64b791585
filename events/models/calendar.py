"""The calendar page of a section (the International or a local); its office closures are
closure_rule.py's ClosureRule."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.url_routing import RouteResult

from opeiu_site.core.models import BasePage


class EventIndexPage(BasePage):
    """The calendar: upcoming list (default), month view, past events, feeds, closures."""

    section_index = True  # found by its section's composers (core.page_tree)

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

    def route(self, request, path_components):
        if path_components == ["past"]:
            return RouteResult(self, kwargs={"view": "past"})
        if path_components == ["calendar.ics"]:
            return RouteResult(self, kwargs={"view": "ics"})
        if path_components == ["closures.ics"]:
            return RouteResult(self, kwargs={"view": "closures"})
        return super().route(request, path_components)

    def serve(self, request, view="upcoming"):
        from .. import views

        if view == "ics":
            return views.calendar_feed(request, self)
        if view == "closures":
            return views.closures_feed(request, self)
        return views.calendar(request, self, view)
