"""Cross-field validation for the calendar entry pages, shown to editors in the admin."""

import types

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from opeiu_site.core.forms import BasePageForm

from . import recurrence
from .choices import Frequency
from .zones import validate_time_zone


def year_error():
    return _("Give a date between %(first)s and %(last)s.") % {
        "first": recurrence.FIRST_YEAR,
        "last": recurrence.LAST_YEAR,
    }


def check_years(form, data, names):
    """A form error on each date field of `names` outside FIRST_YEAR..LAST_YEAR: a date like
    9999-12-31 overflows the date arithmetic of pages, feeds and occurrences."""
    for name in names:
        value = data.get(name)
        if value is not None and not recurrence.in_range(value):
            form.add_error(name, year_error())


class CalendarEntryForm(BasePageForm):
    def clean_time_zone(self):
        name = (self.cleaned_data.get("time_zone") or "").strip()
        validate_time_zone(name)
        return name


class EventPageForm(CalendarEntryForm):
    def clean(self):
        data = super().clean()
        check_years(self, data, ("start_date", "end_date", "registration_deadline"))
        start_date, end_date = data.get("start_date"), data.get("end_date")
        if start_date and end_date and end_date < start_date:
            self.add_error("end_date", _("The end date is before the start date."))
        start_time, end_time = data.get("start_time"), data.get("end_time")
        if not data.get("all_day") and start_time is None:
            self.add_error("start_time", _("Give a start time, or tick “all day”."))
        same_day = end_date in (None, start_date)
        if start_time and end_time and same_day and end_time <= start_time:
            self.add_error("end_time", _("The end time is before the start time."))
        return data


class MeetingSeriesPageForm(CalendarEntryForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "unit" in self.fields:
            self._limit_units()

    def _limit_units(self):
        """Only the bargaining units of this section's employers (a local's own; another
        local's unit, even named by its id, is not a valid choice)."""
        from opeiu_site.core.sections import section_of

        field = self.fields["unit"]
        place = self.reference_place()
        section = section_of(place) if place is not None else None
        units = field.queryset.none()
        if section is not None:
            units = field.queryset.filter(employer__path__startswith=section.path)
        field.queryset = units.select_related("employer").order_by("employer__title", "sort_order")
        # Grouped by employer, each unit by its own name: short options that fit a phone.
        groups = {}
        for unit in field.queryset:
            groups.setdefault(unit.employer.title, []).append((unit.pk, unit.name))
        field.widget.choices = [("", "---------"), *groups.items()]

    def clean_explicit_dates(self):
        text = self.cleaned_data.get("explicit_dates", "")
        try:
            dates = recurrence.parse_dates(text)
        except ValueError as error:
            raise ValidationError(_("Write one date per line as YYYY-MM-DD.")) from error
        if not all(recurrence.in_range(date) for date in dates):
            raise ValidationError(year_error())
        return text

    def clean_duration_minutes(self):
        minutes = self.cleaned_data.get("duration_minutes")
        if minutes is not None and not 1 <= minutes <= recurrence.MAX_DURATION_MINUTES:
            raise ValidationError(
                _("A meeting lasts from 1 to %(most)s minutes.")
                % {"most": recurrence.MAX_DURATION_MINUTES}
            )
        return minutes

    def clean(self):
        data = super().clean()
        check_years(self, data, ("first_date", "last_date"))
        formset = self.formsets.get("date_changes")
        for form in formset.forms if formset is not None else []:
            if form.is_valid():
                check_years(form, form.cleaned_data, ("date", "new_date"))
        frequency = data.get("frequency")
        if frequency == Frequency.WEEKLY and not data.get("weekdays"):
            self.add_error("weekdays", _("Tick the weekday(s) the meeting is held on."))
        if frequency == Frequency.MONTHLY:
            for field in ("week_of_month", "monthly_weekday"):
                if data.get(field) is None:
                    self.add_error(field, _("Monthly meetings need the week and the weekday."))
        if frequency == Frequency.DATES and not data.get("explicit_dates", "").strip():
            self.add_error("explicit_dates", _("List the dates, one per line."))
        first, last = data.get("first_date"), data.get("last_date")
        if first and last and last < first:
            self.add_error("last_date", _("The last date is before the first date."))
        if not self.errors:
            self._check_changes(data)
        return data

    def _check_changes(self, data):
        """Each per-date change must name a date the rule actually gives."""
        formset = self.formsets.get("date_changes")
        if formset is None:
            return
        forms = [
            form
            for form in formset.forms
            if form.is_valid()
            and form.cleaned_data.get("date")
            and not form.cleaned_data.get("DELETE")
        ]
        if not forms:
            return
        series = types.SimpleNamespace(
            frequency=data.get("frequency"),
            weekdays=data.get("weekdays") or [],
            week_of_month=data.get("week_of_month"),
            monthly_weekday=data.get("monthly_weekday"),
            explicit_dates=data.get("explicit_dates", ""),
            first_date=data.get("first_date"),
            last_date=data.get("last_date"),
        )
        until = max(form.cleaned_data["date"] for form in forms)
        dates = set(recurrence.rule_dates(series, until))
        for form in forms:
            if form.cleaned_data["date"] not in dates:
                form.add_error("date", _("The series has no meeting on this date."))
