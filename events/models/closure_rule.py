"""An office closure of a calendar, stored as a rule ("fourth Thursday of November") and
computed for any year by events.closures."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from ..choices import ClosureKind, Weekday, WeekOfMonth


class ClosureRule(Orderable):
    """One office closure as a rule ("fourth Thursday of November"), computed for any year."""

    page = ParentalKey(
        "events.EventIndexPage", on_delete=models.CASCADE, related_name="closure_rules"
    )
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("rule"), max_length=30, choices=ClosureKind.choices)
    month = models.PositiveSmallIntegerField(_("month (1–12)"), null=True, blank=True)
    day = models.PositiveSmallIntegerField(_("day of the month"), null=True, blank=True)
    weekday = models.SmallIntegerField(_("weekday"), choices=Weekday.choices, null=True, blank=True)
    week = models.SmallIntegerField(
        _("which one"), choices=WeekOfMonth.choices, null=True, blank=True
    )
    offset_days = models.SmallIntegerField(
        _("days after (negative: before)"),
        default=0,
        help_text=_("Easter rules: Good Friday is −2. Relative rules: the day after is 1."),
    )
    reference = models.CharField(_("relative to the closure named"), max_length=100, blank=True)
    observed = models.BooleanField(
        _("observed on Friday/Monday when on a weekend"),
        default=False,
        help_text=_("For fixed dates: Saturday closes Friday, Sunday closes Monday."),
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("kind")]),
        FieldRowPanel([FieldPanel("month"), FieldPanel("day"), FieldPanel("observed")]),
        FieldRowPanel([FieldPanel("week"), FieldPanel("weekday")]),
        FieldRowPanel([FieldPanel("offset_days"), FieldPanel("reference")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("office closure")

    def __str__(self):
        return self.name

    def clean(self):
        """Each kind of rule needs its own fields; say which, next to the field."""
        needed = {
            ClosureKind.FIXED: ("month", "day"),
            ClosureKind.NTH_WEEKDAY: ("month", "weekday", "week"),
            ClosureKind.LAST_WORKING_DAY_BEFORE: ("month", "day"),
            ClosureKind.RELATIVE: ("reference",),
        }.get(self.kind, ())
        errors = {
            name: _("Needed for this kind of rule.")
            for name in needed
            if getattr(self, name) in (None, "")
        }
        if self.month is not None and not 1 <= self.month <= 12:
            errors["month"] = _("A month is 1 to 12.")
        if self.day is not None and self.month and not _valid_day(self.month, self.day):
            errors["day"] = _("That month has no such day.")
        if errors:
            raise ValidationError(errors)


def _valid_day(month, day):
    try:
        dt.date(2024, month, day)  # a leap year, so February 29 is allowed
    except ValueError:
        return False
    return True
