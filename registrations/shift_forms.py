"""Staff forms for an event's shifts: one shift, or a run of them from a rule (the weekdays of
a date range, the meeting series' recurrence code), each with a worksite, a start and end time
in the event's zone and the people needed."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from events import recurrence
from events.choices import Weekday

MAX_RULE_DAYS = 62
MAX_RULE_SHIFTS = 200


class _ShiftFields(forms.Form):
    worksite = forms.CharField(
        label=_("Worksite or place"),
        max_length=200,
        help_text=_("Where people go, e.g. 'Como Clinic, main entrance'."),
    )
    start_time = forms.TimeField(
        label=_("Starts at"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    end_time = forms.TimeField(
        label=_("Ends at"),
        widget=forms.TimeInput(attrs={"type": "time"}),
        help_text=_("Earlier than the start: the shift ends the next day (a night shift)."),
    )
    people_needed = forms.IntegerField(label=_("People needed"), min_value=1, max_value=1000)

    def clean(self):
        data = super().clean()
        if data.get("start_time") and data.get("end_time") == data.get("start_time"):
            self.add_error("end_time", _("A shift ends after it starts."))
        return data

    def create(self, page, dates):
        from .shift_services import create_shifts

        data = self.cleaned_data
        return create_shifts(
            page,
            dates,
            start_time=data["start_time"],
            end_time=data["end_time"],
            worksite=data["worksite"],
            people_needed=data["people_needed"],
        )


class ShiftForm(_ShiftFields):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    field_order = ["date", "start_time", "end_time", "worksite", "people_needed"]

    def clean_date(self):
        date = self.cleaned_data["date"]
        if not recurrence.in_range(date):
            raise ValidationError(_("Enter a date between 1900 and 2200."))
        return date


class ShiftRuleForm(_ShiftFields):
    first_date = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    last_date = forms.DateField(
        label=_("Until (inclusive)"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("At most %(days)s days after the first date.") % {"days": MAX_RULE_DAYS},
    )
    weekdays = forms.TypedMultipleChoiceField(
        label=_("On these weekdays"),
        choices=Weekday.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every day."),
    )
    field_order = [
        "first_date",
        "last_date",
        "weekdays",
        "start_time",
        "end_time",
        "worksite",
        "people_needed",
    ]

    def clean(self):
        data = super().clean()
        first, last = data.get("first_date"), data.get("last_date")
        if first and last:
            if not (recurrence.in_range(first) and recurrence.in_range(last)):
                raise ValidationError(_("Enter dates between 1900 and 2200."))
            if last < first:
                self.add_error("last_date", _("The last date comes after the first."))
            elif (last - first).days > MAX_RULE_DAYS:
                self.add_error(
                    "last_date",
                    _("At most %(days)s days at once.") % {"days": MAX_RULE_DAYS},
                )
        return data

    def dates(self):
        """The dates the rule yields: the meeting series' weekly rule (events.recurrence)."""
        from .shift_services import weekly_dates

        data = self.cleaned_data
        dates = weekly_dates(data["first_date"], data["last_date"], data["weekdays"])
        return dates[:MAX_RULE_SHIFTS]
