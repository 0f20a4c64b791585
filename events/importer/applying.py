"""Carrying out an import plan: all of it in one transaction, or nothing."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from wagtail.coreutils import find_available_slug

from ..models import EventPage, SeriesDateChange, Venue
from .reading import ImportFileError


def _venue(spec, made):
    if spec is None:
        return None
    if spec.key not in made:
        made[spec.key] = spec.find() or Venue.objects.create(
            name=spec.name,
            street_address=spec.street_address,
            locality=spec.locality,
            region=spec.region,
            postal_code=spec.postal_code,
        )
    return made[spec.key]


def _slug(calendar, action):
    base = slugify(action.title)[:60] or "event"
    if action.model is EventPage:
        base = f"{base}-{action.fields['start_date'].isoformat()}"
    return find_available_slug(calendar, base)


@transaction.atomic
def apply(plan, user=None, publish=False):
    """Create and update the plan's pages; publish them when `publish`, else save drafts.
    Any failure rolls the whole import back and is reported as an ImportFileError."""
    calendar = plan.calendar
    venues = {}
    for action in plan.actions:
        if action.verb == "unchanged":
            continue
        page = action.page
        if page is None:
            page = action.model(source_uid=action.uid, slug=_slug(calendar, action), live=False)
        for name, value in action.fields.items():
            setattr(page, name, value)
        page.venue = _venue(action.venue, venues)
        if hasattr(page, "date_changes"):
            page.date_changes = [SeriesDateChange(**change) for change in action.changes]
        try:
            if page.pk is None:
                page.owner = user
                calendar.add_child(instance=page)
            revision = page.save_revision(user=user)
        except ValidationError as error:
            raise ImportFileError(f"“{action.title}” cannot be saved: {error}") from error
        if publish:
            revision.publish(user=user)
    return plan
