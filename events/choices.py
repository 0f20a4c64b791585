"""Choices shared by the events models, views and feeds."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# The listing events and calendars are in (BasePage.listing_kind; events.queries declares it).
LISTING_KIND = "events"


class AttendanceMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid (in person and online)")


# schema.org names for JSON-LD.
SCHEMA_ATTENDANCE = {
    AttendanceMode.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
    AttendanceMode.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    AttendanceMode.HYBRID: "https://schema.org/MixedEventAttendanceMode",
}


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")
    POSTPONED = "postponed", _("Postponed")
    MOVED = "moved", _("Moved")


SCHEMA_STATUS = {
    EventStatus.SCHEDULED: "https://schema.org/EventScheduled",
    EventStatus.CANCELLED: "https://schema.org/EventCancelled",
    EventStatus.POSTPONED: "https://schema.org/EventPostponed",
    EventStatus.MOVED: "https://schema.org/EventRescheduled",
}


class Kind(models.TextChoices):
    EVENT = "event", _("Event")
    MEETING = "meeting", _("Meeting")


class Frequency(models.TextChoices):
    WEEKLY = "weekly", _("Weekly, on the weekdays ticked")
    MONTHLY = "monthly", _("Monthly, on the Nth weekday")
    DATES = "dates", _("On an explicit list of dates")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class WeekOfMonth(models.IntegerChoices):
    FIRST = 1, _("first")
    SECOND = 2, _("second")
    THIRD = 3, _("third")
    FOURTH = 4, _("fourth")
    LAST = -1, _("last")


class ClosureKind(models.TextChoices):
    FIXED = "fixed", _("Fixed date (month and day)")
    NTH_WEEKDAY = "nth_weekday", _("Nth (or last) weekday of a month")
    EASTER = "easter", _("Days relative to Easter Sunday")
    RELATIVE = "relative", _("Days relative to another closure")
    LAST_WORKING_DAY_BEFORE = "last_working_day_before", _("Last working day before a date")
