"""Dates in one format on every public page, so a member never reads "1 JANUARY 2027" on one
page, "Tuesday, 1 December" on another and "Dec 16, 2026" on a third.

    {% load date_tags %}
    {{ post.date|long_date }}    Tuesday, January 7, 2027   (a page's own date, a meeting)
    {{ post.date|short_date }}   Jan 7, 2027                (cards, lists, facts)

Both take a date or a datetime (an aware one shown in the current time zone, the
`{% timezone %}` block's if there is one, as Django's `date` filter does); anything else (None,
"") gives "".
"""

import datetime as dt

from django import template
from django.utils.dateformat import format as date_format

register = template.Library()

LONG = "l, F j, Y"
SHORT = "M j, Y"


def _format(value, pattern):
    if not isinstance(value, dt.date):  # a datetime is a date too
        return ""
    return date_format(value, pattern)


# expects_localtime: the template engine hands an aware datetime over in the current zone.
@register.filter(expects_localtime=True)
def long_date(value):
    return _format(value, LONG)


@register.filter(expects_localtime=True)
def short_date(value):
    return _format(value, SHORT)
