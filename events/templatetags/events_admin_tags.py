"""Admin-side template tags of the events app: what a page's latest revision changes."""

from django import template

from ..date_diff import revision_lines

register = template.Library()


@register.simple_tag
def pending_date_changes(page):
    """The per-date changes (DateDiffs) publishing `page`'s latest revision would make; empty
    for pages other than meeting series. Used by the approval request email."""
    return revision_lines(page) if page is not None else []
