"""Dates in one format on every public page, so a member never reads "1 JANUARY 2027" on one
page, "Tuesday, 1 December" on another and "Dec 16, 2026" on a third.

    {% load date_tags %}
    {{ post.date|long_date }}    Tuesday, January 7, 2027   (a page's own date, a meeting)
    {{ post.date|short_date }}   Jan 7, 2027                (cards, lists, facts)

Both take a date or an aware datetime (shown in the current time zone, as Django's `date`
filter does); anything else (None, "") gives "".
"""

import datetime as dt

from django import template
from django.utils import timezone
from django.utils.dateformat import format as date_format

register = template.Library()

LONG = "l, F j, Y"
SHORT = "M j, Y"


def _format(value, pattern):
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
    elif not isinstance(value, dt.date):
        return ""
    return date_format(value, pattern)


@register.filter
def long_date(value):
    return _format(value, LONG)


@register.filter
def short_date(value):
    return _format(value, SHORT)
