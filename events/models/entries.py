"""Calendar entries: a one-off EventPage and a recurring MeetingSeriesPage (its per-date
changes are in date_change.py). Each entry serves its own page and its own feed."""

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail.url_routing import RouteResult

from opeiu_site.core.blocks import BodyBlock
from opeiu_site.core.models import BasePage

from .. import ical, page_context, recurrence
from ..choices import (
    LISTING_KIND,
    AttendanceMode,
    EventStatus,
    Frequency,
    Kind,
    Weekday,
    WeekOfMonth,
)
from ..fields import WeekdaysField
from ..forms import EventPageForm, MeetingSeriesPageForm
from ..panels import DateChangesPanel
from ..sections import calendar_and_section, section_time_zone
from ..zones import get_zone, validate_time_zone

TIME_ZONE_HELP = _(
    "An IANA time zone such as America/Chicago. Leave blank to use the local's time zone "
    "(or the International's)."
)

ZONE_LABELS = {
    "America/New_York": _("Eastern Time"),
    "America/Toronto": _("Eastern Time"),
    "America/Chicago": _("Central Time"),
    "America/Winnipeg": _("Central Time"),
    "America/Denver": _("Mountain Time"),
    "America/Phoenix": _("Arizona Time"),
    "America/Los_Angeles": _("Pacific Time"),
    "America/Vancouver": _("Pacific Time"),
    "America/Anchorage": _("Alaska Time"),
    "Pacific/Honolulu": _("Hawaii Time"),
    "America/Puerto_Rico": _("Atlantic Time"),
}


class CalendarEntry(BasePage):
    """Fields every calendar entry has: where, how to attend, how to register, the body, and
    the iCal SEQUENCE, which rises by one each time a change is published."""

    listing_kind = LISTING_KIND
    listing_in_tree = True  # a calendar may include the locals' events

    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        help_text=TIME_ZONE_HELP,
        validators=[validate_time_zone],
    )
    attendance_mode = models.CharField(
        _("attendance mode"),
        max_length=10,
        choices=AttendanceMode.choices,
        default=AttendanceMode.IN_PERSON,
    )
    venue = models.ForeignKey(
        "events.Venue",
        verbose_name=_("venue"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    online_url = models.URLField(_("online meeting link"), blank=True)
    online_url_public = models.BooleanField(
        _("show the online link publicly"),
        default=False,
        help_text=_(
            "Leave unticked to keep the link out of the page and feeds (members get it "
            "by email or after registering)."
        ),
    )
    registration_url = models.URLField(_("registration link"), blank=True)
    registration_required = models.BooleanField(_("registration required"), default=False)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True, use_json_field=True)
    ical_sequence = models.PositiveIntegerField(default=0, editable=False)
    # The UID of the iCalendar event this page was imported from: re-imports update it.
    source_uid = models.CharField(
        _("imported from UID"), max_length=255, blank=True, db_index=True, editable=False
    )

    where_panels = [
        FieldPanel("attendance_mode"),
        FieldPanel("venue"),
        FieldRowPanel([FieldPanel("online_url"), FieldPanel("online_url_public")]),
        FieldRowPanel([FieldPanel("registration_url"), FieldPanel("registration_required")]),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("body")]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # A blank zone means "the section's": resolve it once the page has a place in the tree.
        if not self.time_zone and self.path and self.depth and self.depth > 1:
            self.time_zone = section_time_zone(calendar_and_section(self)[1])
        if self.pk:
            # The SEQUENCE belongs to the database (raised by the publish signal): a stale copy
            # or an old revision being published must never write an older value back.
            stored = type(self).objects.filter(pk=self.pk).values_list("ical_sequence", flat=True)
            self.ical_sequence = stored.first() or 0
        return super().save(*args, **kwargs)

    def route(self, request, path_components):
        if path_components == ["calendar.ics"] and self.live:
            return RouteResult(self, kwargs={"feed": True})
        return super().route(request, path_components)

    def serve(self, request, *args, feed=False, **kwargs):
        if feed:
            return ical.entry_feed(request, self)
        return super().serve(request, *args, **kwargs)

    @property
    def zone(self):
        return get_zone(self.time_zone or section_time_zone(None))

    @property
    def zone_label(self):
        key = self.zone.key
        return ZONE_LABELS.get(key, key.replace("_", " "))

    @property
    def public_online_url(self):
        return self.online_url if self.online_url_public else ""


class EventPage(CalendarEntry):
    search_type_label = _("Event")
    start_date = models.DateField(_("start date"))
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    all_day = models.BooleanField(_("all day"), default=False)
    registration_deadline = models.DateField(_("registration deadline"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=EventStatus.choices, default=EventStatus.SCHEDULED
    )
    status_reason = models.CharField(
        _("reason shown to members"),
        max_length=255,
        blank=True,
        help_text=_("For a cancelled, postponed or moved event: what happened and what next."),
    )

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("start_time")]),
                FieldRowPanel([FieldPanel("end_date"), FieldPanel("end_time")]),
                FieldPanel("all_day"),
                FieldPanel("time_zone"),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            CalendarEntry.where_panels + [FieldPanel("registration_deadline")],
            heading=_("Where and how"),
        ),
        MultiFieldPanel([FieldPanel("status"), FieldPanel("status_reason")], heading=_("Status")),
        FieldPanel("body"),
    ]
    base_form_class = EventPageForm
    template = "events/event_page.html"
    kind = Kind.EVENT

    class Meta:
        verbose_name = _("event")

    @property
    def starts_at(self):
        return recurrence.aware(self.start_date, self.start_time or dt.time(), self.time_zone)

    @property
    def ends_at(self):
        if self.all_day or self.start_time is None:
            last = self.end_date or self.start_date
            return recurrence.aware(last + dt.timedelta(days=1), dt.time(), self.time_zone)
        if self.end_time is not None:
            return recurrence.aware(self.end_date or self.start_date, self.end_time, self.time_zone)
        return self.starts_at + dt.timedelta(hours=1)

    @property
    def is_all_day(self):
        return self.all_day or self.start_time is None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(page_context.event_context(self, request))
        return context

    def occurrence_rows(self, horizon):
        return [
            {
                "start": self.starts_at,
                "end": self.ends_at,
                "original_start": self.starts_at,
                "local_date": self.start_date,
                "all_day": self.is_all_day,
                "attendance_mode": self.attendance_mode,
                "status": self.status,
                "note": self.status_reason,
                "venue_id": self.venue_id,
                "moved": self.status == EventStatus.MOVED,
            }
        ]


class MeetingSeriesPage(CalendarEntry):
    search_type_label = _("Meetings")
    frequency = models.CharField(
        _("repeats"), max_length=10, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    weekdays = WeekdaysField(_("weekdays"), help_text=_("For weekly meetings."))
    week_of_month = models.SmallIntegerField(
        _("week of the month"),
        choices=WeekOfMonth.choices,
        null=True,
        blank=True,
        help_text=_("For monthly meetings: first, second ... or last."),
    )
    monthly_weekday = models.SmallIntegerField(
        _("weekday"),
        choices=Weekday.choices,
        null=True,
        blank=True,
        help_text=_("For monthly meetings."),
    )
    explicit_dates = models.TextField(
        _("dates"),
        blank=True,
        help_text=_("For a list of dates: one date per line, as YYYY-MM-DD."),
    )
    start_time = models.TimeField(_("start time"))
    duration_minutes = models.PositiveIntegerField(_("duration (minutes)"), default=60)
    first_date = models.DateField(_("first date"))
    last_date = models.DateField(
        _("last date"), null=True, blank=True, help_text=_("Leave blank if the meetings go on.")
    )
    # A unit's own meetings (a unit meeting, its bargaining committee): "My union" shows them
    # to the members of that unit only; without a unit, to every member of the local.
    unit = models.ForeignKey(
        "contracts.BargainingUnit",
        verbose_name=_("bargaining unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meeting_series",
        help_text=_(
            "For one unit's meetings: its members see them on their “My union” page, other "
            "units' members do not. Leave blank for meetings of the whole local."
        ),
    )

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("frequency"),
                FieldPanel("weekdays"),
                FieldRowPanel([FieldPanel("week_of_month"), FieldPanel("monthly_weekday")]),
                FieldPanel("explicit_dates"),
                FieldRowPanel([FieldPanel("start_time"), FieldPanel("duration_minutes")]),
                FieldRowPanel([FieldPanel("first_date"), FieldPanel("last_date")]),
                FieldPanel("time_zone"),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel([FieldPanel("unit")], heading=_("Whose meetings")),
        MultiFieldPanel(CalendarEntry.where_panels, heading=_("Where and how (by default)")),
        DateChangesPanel(
            "date_changes",
            label=_("Change to one date"),
            heading=_("Per-date changes: cancel, move, in person instead of online, a note"),
        ),
        FieldPanel("body"),
    ]
    base_form_class = MeetingSeriesPageForm
    template = "events/meeting_series_page.html"
    kind = Kind.MEETING

    class Meta:
        verbose_name = _("meeting series")
        verbose_name_plural = _("meeting series")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(page_context.series_context(self, request))
        return context

    @property
    def duration(self):
        return dt.timedelta(minutes=self.duration_minutes)

    @property
    def end_time(self):
        return (dt.datetime.combine(dt.date(2000, 1, 1), self.start_time) + self.duration).time()

    @property
    def weekday_names(self):
        return [Weekday(day).label for day in self.weekdays]

    def dates(self, until):
        return recurrence.rule_dates(self, until)

    def original_start(self, date):
        return recurrence.aware(date, self.start_time, self.time_zone)

    def occurrence_rows(self, horizon, changes=None):
        """One row per rule date up to `horizon`, with its change (if any) applied."""
        if changes is None:
            changes = list(self.date_changes.all())
        by_date = {change.date: change for change in changes}
        rows = []
        for date in self.dates(horizon):
            change = by_date.get(date)
            original = self.original_start(date)
            start, moved = original, False
            if change is not None and (change.new_date or change.new_start_time):
                start = recurrence.aware(
                    change.new_date or date,
                    change.new_start_time or self.start_time,
                    self.time_zone,
                )
                moved = True
            rows.append(
                {
                    "start": start,
                    "end": start + self.duration,
                    "original_start": original,
                    "local_date": start.date(),
                    "all_day": False,
                    "attendance_mode": (change.attendance_mode if change else "")
                    or self.attendance_mode,
                    "status": EventStatus.CANCELLED
                    if change is not None and change.cancelled
                    else EventStatus.SCHEDULED,
                    "note": change.note if change else "",
                    "venue_id": (change.venue_id if change else None) or self.venue_id,
                    "moved": moved,
                }
            )
        return rows
