"""Import an iCalendar file (a WordPress The Events Calendar export, a Google or Outlook
calendar) into one calendar: read strictly, plan (the dry run), apply in one transaction.
See docs/calendar-import.md."""

from django.utils import timezone

from opeiu_site.core.sections import section_of

from ..sections import section_time_zone
from .applying import apply
from .fetching import fetch
from .planning import Plan, plan
from .reading import MAX_BYTES, ImportFileError, read

__all__ = [
    "MAX_BYTES",
    "ImportFileError",
    "Plan",
    "apply",
    "fetch",
    "import_ics",
    "make_plan",
    "report",
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
    )
    lines += [f"Warning: {warning}" for warning in result.warnings]
    return lines
