"""The materialised occurrences of events and series: one row per date, so every listing
sorts, filters and paginates in SQL. Rebuilt by events.occurrences on publish, unpublish,
move and delete (rows cascade with the page), and extended daily by `extend_occurrences`."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import AttendanceMode, EventStatus, Kind
from ..zones import get_zone


class Occurrence(models.Model):
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="event_occurrences"
    )
    calendar = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("calendar")
    )
    # The section root (the International's HomePage or a LocalPage) owning the calendar.
    section = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("section")
    )
    # Copied from the calendar so "this section and the sections below it" is one prefix match.
    calendar_path = models.CharField(max_length=255, db_index=True)
    title = models.CharField(_("title"), max_length=255)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    start = models.DateTimeField(_("start"), db_index=True)
    end = models.DateTimeField(_("end"), db_index=True)
    # The original start of a series date (RECURRENCE-ID), which a move leaves unchanged.
    original_start = models.DateTimeField(_("original start"))
    local_date = models.DateField(_("date (local)"), db_index=True)
    time_zone = models.CharField(_("time zone"), max_length=64)
    all_day = models.BooleanField(_("all day"), default=False)
    attendance_mode = models.CharField(
        _("attendance mode"), max_length=10, choices=AttendanceMode.choices
    )
    status = models.CharField(_("status"), max_length=10, choices=EventStatus.choices)
    note = models.CharField(_("note"), max_length=255, blank=True)
    venue = models.ForeignKey(
        "events.Venue", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moved = models.BooleanField(_("moved from its usual date or time"), default=False)

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("occurrence")
        indexes = [
            models.Index(fields=["section", "start"]),
            models.Index(fields=["calendar", "start"]),
        ]

    def __str__(self):
        return f"{self.title} {self.start:%Y-%m-%d %H:%M}"

    @property
    def is_cancelled(self):
        return self.status == EventStatus.CANCELLED

    @property
    def zone(self):
        return get_zone(self.time_zone)

    @property
    def local_start(self):
        return self.start.astimezone(self.zone)

    @property
    def local_end(self):
        return self.end.astimezone(self.zone)

    @property
    def place_label(self):
        """What members see as the place: the venue, "Online", or both."""
        # The attendance badge already says "Online"; the place is only a venue.
        if self.attendance_mode == AttendanceMode.ONLINE or self.venue is None:
            return ""
        if self.attendance_mode == AttendanceMode.HYBRID:
            return f"{self.venue.full_text} {_('and online')}"
        return self.venue.full_text
