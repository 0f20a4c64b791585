"""One change to one date of a meeting series, made in one form from the admin: pick a date the
rule gives (a list, no typing), then cancel it, move it, switch how to attend, or add a note,
and publish (or submit for approval). The change is stored as the series' `SeriesDateChange`
for that date, in a new revision, exactly as the series edit form would store it."""

import datetime as dt
import hashlib

from django import forms
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.models import WorkflowState

from .choices import AttendanceMode
from .date_diff import diff, fingerprint, state_text
from .forms import year_error
from .models import SeriesDateChange, Venue
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
        if change.venue_id and not change.cancelled:
            state.append(str(_("at %(venue)s") % {"venue": change.venue.name}))
        if change.note:
            state.append(str(_("note")))
    return f"{label} — {', '.join(state)}"


class DateChangeForm(forms.Form):
    date = forms.TypedChoiceField(
        label=_("Which meeting"),
        coerce=dt.date.fromisoformat,
        help_text=_("The dates the series' rule gives; picking one shows its current change."),
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
    venue = forms.ModelChoiceField(
        queryset=Venue.objects.all(),
        label=_("Where, on this date"),
        required=False,
        help_text=_("Another hall for this date only."),
    )
    note = forms.CharField(
        label=_("Note for members"),
        required=False,
        max_length=255,
        help_text=_("Shown with this date on the site and in calendar apps."),
    )
    # Which date's change the fields were filled from, and what it was then (loaded_token): a
    # send for another date, or after someone else changed it, is refused once, saying so.
    loaded = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, series, changes, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.series, self.today = series, today
        self.by_date = by_date = {change.date: change for change in changes}
        self.fields["date"].choices = [
            (date.isoformat(), _describe(series, date, by_date.get(date)))
            for date in upcoming_dates(series, today)
        ]
        usual = AttendanceMode(series.attendance_mode).label
        self.fields["attendance_mode"].choices = [
            ("", _("As usual (%(mode)s)") % {"mode": usual})
        ] + list(AttendanceMode.choices)
        usual_venue = series.venue.name if series.venue_id else _("none")
        self.fields["venue"].empty_label = _("As usual (%(venue)s)") % {"venue": usual_venue}

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
        date = data.get("date")
        if date is not None and not self.errors:
            current = self.by_date.get(date)
            token = loaded_token(date, current)
            if data.get("loaded") != token:
                self._refuse_overwrite(date, current, token)
        return data

    def _refuse_overwrite(self, date, current, token):
        """The fields were not filled from `date` as it is now: say what it is, keep what was
        typed, and take the next send as meant."""
        label = date_format(date, "D, N j, Y")
        if current is None:
            message = _(
                "%(date)s had no change when you opened the form, or its change was withdrawn. "
                "Check the fields and send again."
            ) % {"date": label}
        else:
            state = state_text(self.series, current)
            if current.note:
                state += f" — “{current.note}”"
            message = _(
                "%(date)s already has a change: %(state)s. Sending replaces it: check the "
                "fields below and send again."
            ) % {"date": label, "state": state}
        self.add_error(None, message)
        data = self.data.copy()
        data["loaded"] = token
        self.data = data


def loaded_token(date, change):
    """What the form's fields were filled from: the date and a digest of its change."""
    digest = "-" if change is None else hashlib.sha1(repr(fingerprint(change)).encode()).hexdigest()
    return f"{date.isoformat()}:{digest[:12]}"


def change_values(change):
    """The form fields of a change, as the JavaScript pre-fill and `initial_for` use them."""
    if change is None:
        return {}
    return {
        "cancelled": change.cancelled,
        "new_date": change.new_date,
        "new_start_time": change.new_start_time,
        "attendance_mode": change.attendance_mode,
        "venue": change.venue_id,
        "note": change.note,
    }


def initial_for(changes, date):
    """The form's initial values for `date`: its current change, if any."""
    if date is None:
        return {}
    change = next((change for change in changes if change.date == date), None)
    return {"date": date.isoformat(), "loaded": loaded_token(date, change)} | change_values(change)


def prefill_data(changes, dates):
    """{iso date: {field: value, "loaded": token}} for the change form's script, which fills
    the fields when a date is picked (the server does the same for "Show this date")."""
    by_date = {change.date: change for change in changes}
    data = {}
    for date in dates:
        values = change_values(by_date.get(date))
        data[date.isoformat()] = {name: _as_json(value) for name, value in values.items()}
        data[date.isoformat()]["loaded"] = loaded_token(date, by_date.get(date))
    return data


def _as_json(value):
    """Dates and times as an <input type="date"/"time"> takes them."""
    if isinstance(value, dt.time):
        return value.isoformat(timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


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
        "venue": data.get("venue"),
        "note": data["note"].strip(),
    }
    if any(fields.values()):
        kept.append(SeriesDateChange(date=data["date"], **fields))
    return _save(series, page, kept, user, publish)


def withdraw(series, user, date):
    """Put `date` back to what is live, in a new revision. If nothing else waits for approval,
    the approval is cancelled ("withdrawn"); otherwise the rest is sent again ("submitted")."""
    page = series.get_latest_revision_as_object()
    live = [change for change in series.date_changes.all() if change.date == date]
    kept = [change for change in page.date_changes.all() if change.date != date]
    for change in live:
        kept.append(
            SeriesDateChange(
                date=change.date,
                **{name: getattr(change, name) for name in WITHDRAWN_FIELDS},
            )
        )
    if diff(series, list(series.date_changes.all()), kept):
        _save(series, page, kept, user, publish=False)
        return "withdrawn_others_wait"
    _save(series, page, kept, user, publish=None)
    state = series.current_workflow_state
    if state is not None:
        state.cancel(user=user)
    return "withdrawn"


WITHDRAWN_FIELDS = ("cancelled", "new_date", "new_start_time", "attendance_mode", "venue", "note")


def _save(series, page, kept, user, publish):
    """Store `kept` as the series' changes in a new revision; publish it (publish=True), send
    it for approval (False) or only save it (None)."""
    kept.sort(key=lambda change: change.date)
    for order, change in enumerate(kept):
        change.sort_order = order
    page.date_changes = kept
    revision = page.save_revision(user=user, log_action=True)
    if publish is None:
        return "saved"
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
