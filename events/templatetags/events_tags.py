"""Blocks for the home page and a local's page: upcoming events and office closures."""

from django import template
from django.utils import timezone

from .. import queries
from ..sections import section_time_zone
from ..zones import get_zone

register = template.Library()


def section_today(section):
    """Today's date where the section is (a Minnesota local's day ends in Minnesota)."""
    return timezone.localtime(timezone.now(), get_zone(section_time_zone(section))).date()


@register.inclusion_tag("events/includes/upcoming_events.html", takes_context=True)
def upcoming_events(context, section, limit=5):
    """{% upcoming_events page %}: the section's next events and meetings, with its calendar."""
    return {
        "request": context.get("request"),
        "items": queries.upcoming(section, limit=limit),
        "calendar": queries.calendar(section),
    }


# A local's page shows the soonest few (two phone screens hold them and the next closure); the
# calendar has the rest.
COMING_UP_LIMIT = 4


@register.inclusion_tag("events/includes/coming_up.html", takes_context=True)
def coming_up(context, section):
    """{% coming_up page %}: what a member opens a local's page for, first: the next date of
    each meeting series and event (the weekly call beside the monthly meeting, not five of
    one) and the office's next closure."""
    ahead = queries.closures_ahead(section, section_today(section), days=365)
    items = queries.next_of_each(section)
    return {
        "request": context.get("request"),
        "items": items[:COMING_UP_LIMIT],
        "more": max(len(items) - COMING_UP_LIMIT, 0),
        "next_closure": ahead[0] if ahead else None,
        "calendar": queries.calendar(section),
    }


@register.inclusion_tag("events/includes/office_closures.html", takes_context=True)
def office_closures(context, section):
    """{% office_closures page %}: the office closures of the next twelve months, from today."""
    return {
        "request": context.get("request"),
        "closure_list": queries.closures_ahead(section, section_today(section), days=365),
    }
