"""Warn editors when a meeting or event falls on one of the section's office closures."""

import datetime as dt

from django.utils import timezone

from . import closures
from .choices import EventStatus
from .models import ClosureRule, EventPage, MeetingSeriesPage
from .occurrences import horizon_date


def closure_clashes(page, today=None):
    """[(date, closure name)] of the page's coming dates that fall on an office closure."""
    if not isinstance(page, EventPage | MeetingSeriesPage) or not page.time_zone:
        return []
    parent = page.get_parent()
    if parent is None:
        return []
    rules = list(ClosureRule.objects.filter(page_id=parent.pk))
    if not rules:
        return []
    today = today or timezone.localdate()
    rows = [
        row
        for row in page.occurrence_rows(horizon_date())
        if row["local_date"] >= today - dt.timedelta(days=1)
        and row["status"] != EventStatus.CANCELLED
    ]
    years = {row["local_date"].year for row in rows}
    closed = closures.closure_map(rules, years)
    return [
        (row["local_date"], closed[row["local_date"]])
        for row in rows
        if row["local_date"] in closed
    ]
