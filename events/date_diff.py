"""What a meeting series' draft changes, date by date, compared with what is live.

A moderator approves a revision of a series; what they need to see is not the revision but
its difference from the published dates: "Wed, Mar 3: Online -> In person at Carpenters Hall,
note “Bring your badge”". The dashboard row, the approval email, the preview banner and the
editor's change form all show these lines. Pure functions over lists of SeriesDateChange."""

from dataclasses import dataclass

from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _

from .choices import AttendanceMode

COMPARED = ("cancelled", "new_date", "new_start_time", "attendance_mode", "note", "venue_id")


@dataclass(frozen=True)
class DateDiff:
    """One date whose change differs between the live series and a draft of it."""

    date: object
    before: str
    after: str
    before_note: str
    after_note: str

    @property
    def label(self):
        return date_format(self.date, "D, N j, Y")  # as the change form's date list

    def as_text(self):
        """One line for emails and messages: "Wed, March 3, 2027: Online -> In person"."""
        text = f"{self.label}: {self.before} -> {self.after}"
        if self.after_note and self.after_note != self.before_note:
            text += " " + _("(note: “%(note)s”)") % {"note": self.after_note}
        elif self.before_note and not self.after_note:
            text += " " + _("(note removed)")
        return text


def fingerprint(change):
    """The compared values of a change (None: the date is as usual)."""
    if change is None:
        return None
    return tuple(getattr(change, name) for name in COMPARED)


def state_text(series, change):
    """A date's state in plain words: "Online (as usual)", "Cancelled", "In person at X"."""
    if change is None or not any(fingerprint(change)[:-2]) and not change.venue_id:
        mode = AttendanceMode(series.attendance_mode).label
        return _("%(mode)s (as usual)") % {"mode": mode}
    if change.cancelled:
        return _("Cancelled")
    mode = AttendanceMode(change.attendance_mode or series.attendance_mode)
    parts = [str(mode.label)]
    if change.venue_id and mode != AttendanceMode.ONLINE:
        parts.append(_("at %(venue)s") % {"venue": change.venue.name})
    if change.new_date or change.new_start_time:
        when = []
        if change.new_date:
            when.append(date_format(change.new_date, "D, M j"))
        if change.new_start_time:
            when.append(time_format(change.new_start_time))
        parts.append(_("moved to %(when)s") % {"when": " ".join(when)})
    return ", ".join(parts)


def diff(series, live_changes, draft_changes):
    """[DateDiff] for every date whose change differs, by date."""
    live = {change.date: change for change in live_changes}
    draft = {change.date: change for change in draft_changes}
    diffs = []
    for date in sorted(set(live) | set(draft)):
        before, after = live.get(date), draft.get(date)
        if fingerprint(before) == fingerprint(after):
            continue
        diffs.append(
            DateDiff(
                date=date,
                before=state_text(series, before),
                after=state_text(series, after),
                before_note=before.note if before else "",
                after_note=after.note if after else "",
            )
        )
    return diffs


def revision_diff(live_series, revision):
    """What publishing `revision` would change, compared with `live_series` as published."""
    draft = revision.as_object()
    live_changes = live_series.date_changes.all() if live_series.live else []
    return diff(draft, list(live_changes), list(draft.date_changes.all()))


def revision_lines(page, revision=None):
    """The DateDiffs of `revision` (by default the latest) of any page: none unless it is a
    meeting series (the only pages with per-date changes)."""
    page = page.specific
    if not hasattr(page, "date_changes"):
        return []
    revision = revision or page.get_latest_revision()
    return revision_diff(page, revision) if revision is not None else []
