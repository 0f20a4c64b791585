"""Blocks for the home page and a local's page: upcoming events and office closures."""

from django import template
from django.utils import timezone

from .. import queries

register = template.Library()


@register.inclusion_tag("events/includes/upcoming_events.html", takes_context=True)
def upcoming_events(context, section, limit=5):
    """{% upcoming_events page %}: the section's next events and meetings, with its calendar."""
    return {
        "request": context.get("request"),
        "items": queries.upcoming(section, limit=limit),
        "calendar": queries.calendar(section),
    }


@register.inclusion_tag("events/includes/office_closures.html", takes_context=True)
def office_closures(context, section):
    """{% office_closures page %}: this year's and next year's office closure dates."""
    year = timezone.localdate().year
    return {
        "request": context.get("request"),
        "closure_list": queries.closures(section, [year, year + 1]),
        "years": (year, year + 1),
    }
