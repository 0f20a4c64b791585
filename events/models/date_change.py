"""Changes to single dates of a meeting series: the change itself (edited inline on the series)
and when a cancellation or move was first published (for late-change notices)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from ..choices import AttendanceMode


class SeriesDateChange(Orderable):
    """A change to one date of a series, keyed by the date the rule gives."""

    page = ParentalKey(
        "events.MeetingSeriesPage", on_delete=models.CASCADE, related_name="date_changes"
    )
    date = models.DateField(_("date"), help_text=_("The usual date this change applies to."))
    cancelled = models.BooleanField(_("cancelled"), default=False)
    new_date = models.DateField(_("moved to date"), null=True, blank=True)
    new_start_time = models.TimeField(_("moved to time"), null=True, blank=True)
    attendance_mode = models.CharField(
        _("attendance mode on this date"),
        max_length=10,
        choices=AttendanceMode.choices,
        blank=True,
        help_text=_("Leave blank for the series' usual mode."),
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    # Another hall for this one date (the series' usual venue otherwise).
    venue = models.ForeignKey(
        "events.Venue",
        verbose_name=_("venue on this date"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Leave blank for the series' usual venue."),
    )

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("cancelled")]),
        FieldRowPanel([FieldPanel("new_date"), FieldPanel("new_start_time")]),
        FieldRowPanel([FieldPanel("attendance_mode"), FieldPanel("venue")]),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("change to one date")


class DateChangeNotice(models.Model):
    """When a cancellation or move of one series date was first published.

    Kept apart from the per-date change itself (which publishing rewrites from the revision),
    so that re-publishing never makes an old change look new. A change published within
    `events.notices.NOTICE_DAYS` of its date is a late change: pages show a notice and feeds
    prefix the event's SUMMARY."""

    page = models.ForeignKey(
        "events.MeetingSeriesPage", on_delete=models.CASCADE, related_name="change_notices"
    )
    date = models.DateField(_("date"))
    # "cancelled" or "moved <new date> <new time>": a different move is a new notice.
    state = models.CharField(_("change"), max_length=64)
    announced_at = models.DateTimeField(_("first published at"))

    class Meta:
        verbose_name = _("date change notice")
        constraints = [
            models.UniqueConstraint(fields=["page", "date"], name="one_notice_per_series_date")
        ]

    def __str__(self):
        return f"{self.date}: {self.state}"
