"""What a calendar page shows, without a query: the filters its query string asks for, whose
events it lists (its own, or its whole section's), and the weeks of its month view."""

import calendar as pycalendar
import datetime as dt
import re
from collections import defaultdict

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opeiu_site.core.listing import FilterForm

from .choices import AttendanceMode, Kind

# ASCII digits only ([0-9], not \d, which takes other scripts' digits) and the whole value
# (fullmatch, not "$", which also matches before a trailing newline).
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
MIN_YEAR, MAX_YEAR = 1900, 2999


class MonthField(forms.Field):
    """A month as the calendar's links write it, "YYYY-MM" (years MIN_YEAR to MAX_YEAR), cleaned
    to the date of its first day; None when empty. Anything else is an invalid value (a 404)."""

    default_error_messages = {"invalid": _("Enter a month as YYYY-MM.")}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        match = _MONTH.fullmatch(value) if isinstance(value, str) else None
        if match:
            year, number = int(match[1]), int(match[2])
            if MIN_YEAR <= year <= MAX_YEAR and 1 <= number <= 12:
                return dt.date(year, number, 1)
        raise ValidationError(self.error_messages["invalid"], code="invalid")


class CalendarFilterForm(FilterForm):
    """The calendar's filters: how to attend, events or meetings, whose calendars (this one's
    own or its whole section's; empty is the page's default, see `effective_scope`) and the
    month shown. Cleaned to {"mode": "", "kind": "", "scope": "", "month": None} when absent.
    The filter bar (templates/events/includes/filters.html) lists these choices: their labels
    are short enough for a select on a phone."""

    mode = forms.ChoiceField(
        label=_("How to attend"),
        choices=[
            ("", _("Any way")),
            (AttendanceMode.IN_PERSON, _("In person")),
            (AttendanceMode.ONLINE, _("Online")),
            (AttendanceMode.HYBRID, _("Hybrid")),
        ],
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[
            ("", _("Events and meetings")),
            (Kind.EVENT, _("Events")),
            (Kind.MEETING, _("Meetings")),
        ],
    )
    scope = forms.ChoiceField(
        label=_("Calendars"),
        choices=[("all", _("Include locals' events")), ("own", _("This calendar only"))],
    )
    month = MonthField(label=_("Month"))


def effective_scope(calendar_page, filters):
    """Whose events the page lists: the scope asked for, else the page's default."""
    if filters["scope"]:
        return filters["scope"]
    return "all" if calendar_page.include_sub_sections else "own"


def month_grid(first, items, closure_dates, today=None):
    """Weeks (Sunday first, as US calendars are) of day cells with their occurrences."""
    today = today or timezone.localdate()
    by_day = defaultdict(list)
    for item in items:
        by_day[item.local_date].append(item)
    weeks = []
    for week in pycalendar.Calendar(firstweekday=6).monthdatescalendar(first.year, first.month):
        weeks.append(
            [
                {
                    "date": day,
                    "in_month": day.month == first.month,
                    "today": day == today,
                    "items": by_day.get(day, []) if day.month == first.month else [],
                    "closure": closure_dates.get(day, "") if day.month == first.month else "",
                }
                for day in week
            ]
        )
    return weeks
