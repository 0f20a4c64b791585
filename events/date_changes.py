"""One change to one date of a meeting series, made in one form from the admin: pick a date the
rule gives (a list, no typing), then cancel it, move it, switch how to attend, or add a note,
and publish (or submit for approval). The change is stored as the series' `SeriesDateChange`
for that date, in a new revision, exactly as the series edit form would store it."""

import datetime as dt

from django import forms
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.models import WorkflowState

from .choices import AttendanceMode
from .forms import year_error
from .models import SeriesDateChange
from .recurrence import in_range

CHOICE_WINDOW = dt.timedelta(days=400)  # dates offered: about the coming year
MOST_CHOICES = 60


def upcoming_dates(series, today):
    """The rule's dates from `today` on, within CHOICE_WINDOW (at most MOST_CHOICES)."""
    dates = series.dates(today + CHOICE_WINDOW)
    return [date for date in dates if date >= today][:MOST_CHOICES]


def _describe(series, date, change):
    label = date_format(date, "D, N j, Y")
    mode = (change.attendance_mode if change else "") or series.attendance_mode
    state = [str(AttendanceMode(mode).label)]
    if change is not None:
        if change.cancelled:
            state = [str(_("cancelled"))]
        elif change.new_date or change.new_start_time:
            state.append(str(_("moved")))
        if change.note:
            state.append(str(_("note")))
    return f"{label} — {', '.join(state)}"


class DateChangeForm(forms.Form):
    date = forms.TypedChoiceField(
        label=_("Which meeting"),
        coerce=dt.date.fromisoformat,
        help_text=_("The dates the series' rule gives; saving replaces any change to that date."),
    )
    cancelled = forms.BooleanField(label=_("Cancel this meeting"), required=False)
    new_date = forms.DateField(
        label=_("Move to date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave blank to keep the usual date."),
    )
    new_start_time = forms.TimeField(
        label=_("Move to time"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}),
        help_text=_("Leave blank to keep the usual time."),
    )
    attendance_mode = forms.ChoiceField(label=_("How to attend on this date"), required=False)
    note = forms.CharField(
        label=_("Note for members"),
        required=False,
        max_length=255,
        help_text=_("Shown with this date on the site and in calendar apps."),
    )

    def __init__(self, *args, series, changes, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.series, self.today = series, today
        by_date = {change.date: change for change in changes}
        self.fields["date"].choices = [
            (date.isoformat(), _describe(series, date, by_date.get(date)))
            for date in upcoming_dates(series, today)
        ]
        usual = AttendanceMode(series.attendance_mode).label
        self.fields["attendance_mode"].choices = [
            ("", _("As usual (%(mode)s)") % {"mode": usual})
        ] + list(AttendanceMode.choices)

    def clean_new_date(self):
        new_date = self.cleaned_data.get("new_date")
        if new_date is not None and new_date < self.today:
            raise forms.ValidationError(_("A meeting cannot move into the past."))
        if new_date is not None and not in_range(new_date):
            raise forms.ValidationError(year_error())
        return new_date

    def clean(self):
        data = super().clean()
        if data.get("cancelled") and (data.get("new_date") or data.get("new_start_time")):
            self.add_error("cancelled", _("Cancel the meeting or move it, not both."))
        return data


def initial_for(changes, date):
    """The form's initial values for `date`: its current change, if any."""
    change = next((change for change in changes if change.date == date), None)
    initial = {"date": date.isoformat()} if date else {}
    if change is not None:
        initial.update(
            cancelled=change.cancelled,
            new_date=change.new_date,
            new_start_time=change.new_start_time,
            attendance_mode=change.attendance_mode,
            note=change.note,
        )
    return initial


def apply_change(series, user, data, publish):
    """Save the change as a new revision of the series; publish it, or send it to the series'
    approval workflow. Returns "published", "submitted" or "saved"."""
    page = series.get_latest_revision_as_object()
    kept = [change for change in page.date_changes.all() if change.date != data["date"]]
    fields = {
        "cancelled": data["cancelled"],
        "new_date": data["new_date"],
        "new_start_time": data["new_start_time"],
        "attendance_mode": data["attendance_mode"],
        "note": data["note"].strip(),
    }
    if any(fields.values()):
        kept.append(SeriesDateChange(date=data["date"], **fields))
    kept.sort(key=lambda change: change.date)
    for order, change in enumerate(kept):
        change.sort_order = order
    page.date_changes = kept
    revision = page.save_revision(user=user, log_action=True)
    if publish:
        if not series.permissions_for_user(user).can_publish():
            raise PermissionDenied
        revision.publish(user=user)
        return "published"
    workflow = series.get_workflow()
    if workflow is None:
        return "saved"
    state = series.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user)
    else:
        if state is not None:
            state.cancel(user=user)
        workflow.start(series, user)
    return "submitted"


def today_for(series):
    return timezone.now().astimezone(series.zone).date()
