"""Import an iCalendar file (a WordPress The Events Calendar export, a Google or Outlook
calendar) into one calendar: read strictly, plan (the dry run), apply in one transaction.
See docs/calendar-import.md."""

from django.utils import timezone

from opeiu_site.core.sections import section_of

from ..sections import section_time_zone
from .applying import apply
from .errors import ImportFileError
from .fetching import fetch
from .planning import Plan, plan
from .reading import MAX_BYTES, read

__all__ = [
    "MAX_BYTES",
    "ImportFileError",
    "Plan",
    "apply",
    "fetch",
    "import_ics",
    "make_plan",
    "report",
    "run_import",
]


def make_plan(data, calendar, today=None):
    """Read `data` (bytes) and plan its import into `calendar`; changes nothing."""
    zone = section_time_zone(section_of(calendar))
    entries = read(data, zone)
    return plan(entries, calendar, today or timezone.localdate())


def import_ics(data, calendar, user=None, publish=False, dry_run=False, today=None):
    """Plan and (unless `dry_run`) apply; returns the plan."""
    result = make_plan(data, calendar, today)
    if not dry_run:
        apply(result, user=user, publish=publish)
    return result


def run_import(
    calendar_id, content, user_id=None, publish=False, progress=None, with_warnings=False
):
    """The import as a background task would run it: plain arguments only (the calendar's
    and the user's ids, the file's text as the preview stored it), the plan made afresh
    (the calendar may have changed since the preview), then applied, with `progress(done,
    total)` reported as it goes. Returns the plan's totals."""
    from django.contrib.auth import get_user_model

    from ..models import EventIndexPage

    calendar = EventIndexPage.objects.get(pk=calendar_id)
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    result = make_plan(content.encode(), calendar)
    apply(result, user=user, publish=publish, progress=progress)
    if with_warnings:
        return result.totals, list(result.warnings)
    return result.totals


def report(result):
    """The plan as lines of text: one per page, then the totals and any warnings."""
    lines = [
        f"{action.verb:<9} {action.kind:<14} {action.title} ({action.when})"
        + (f": {'; '.join(action.notes)}" if action.notes else "")
        for action in result.actions
    ]
    lines.append(
        f"{result.count('create')} to create, {result.count('update')} to update, "
        f"{result.count('unchanged')} unchanged."
        + (f" {result.count('unpublish')} to unpublish." if result.count("unpublish") else "")
    )
    lines += [f"Warning: {warning}" for warning in result.warnings]
    return lines
