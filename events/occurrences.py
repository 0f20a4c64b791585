"""Materialise events and series into the Occurrence table.

A page's rows are rebuilt whole (delete + bulk insert) whenever it is published, unpublished or
moved; deleting a page deletes its rows by cascade. Series without an end are materialised up to
HORIZON ahead; `manage.py extend_occurrences`, run daily, keeps that window moving."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from .models import EventIndexPage, EventPage, MeetingSeriesPage, Occurrence
from .sections import calendar_and_section

HORIZON = dt.timedelta(days=548)  # about 18 months


def horizon_date(now=None):
    return ((now or timezone.now()) + HORIZON).date()


def entry_models():
    return (EventPage, MeetingSeriesPage)


@transaction.atomic
def sync_page(page, horizon=None):
    """Rebuild the occurrences of one event or series page (any Page instance)."""
    page = page.specific if type(page) is Page else page
    if not isinstance(page, entry_models()):
        return 0
    Occurrence.objects.filter(page_id=page.pk).delete()
    page = type(page).objects.filter(pk=page.pk).first()
    if page is None or not page.live:
        return 0
    calendar, section = calendar_and_section(page)
    if section is None or not issubclass(calendar.specific_class, EventIndexPage):
        return 0
    rows = occurrences_of(page, calendar, section, page.occurrence_rows(horizon or horizon_date()))
    Occurrence.objects.bulk_create(rows)
    return len(rows)


def occurrences_of(page, calendar, section, rows):
    """Occurrence instances (unsaved) of `page` from its `occurrence_rows`."""
    return [
        Occurrence(
            page_id=page.pk,
            calendar_id=calendar.pk,
            section_id=section.pk,
            calendar_path=calendar.path,
            title=page.title,
            kind=page.kind,
            time_zone=page.time_zone,
            **row,
        )
        for row in rows
    ]


def clear_page(page):
    """Remove the occurrences of a page that is no longer live (unpublished or being deleted)."""
    return Occurrence.objects.filter(page_id=page.pk).delete()[0]


def sync_subtree(root):
    """Rebuild every entry at or below `root` (after a calendar or section moved)."""
    count = 0
    for model in entry_models():
        for page in model.objects.descendant_of(root, inclusive=True):
            count += sync_page(page)
    return count


def extend_all(horizon=None):
    """Re-materialise every live series up to the horizon (the daily cron job)."""
    count = 0
    for page in MeetingSeriesPage.objects.live():
        count += sync_page(page, horizon)
    return count
