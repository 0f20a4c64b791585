"""Locals in other pages' templates: the "Find your local" entry on the home page."""

from django import template

from opeiu_site.core import cache_tags
from opeiu_site.core.page_tree import section_indexes

from ..models import LocalIndexPage

register = template.Library()


@register.inclusion_tag("locals/includes/find_your_local.html")
def find_your_local(section):
    """A button to the section's directory of locals, if it has a live one: most members
    come to the International's site to find their own local, and a phone hides the menu."""
    directory = next(iter(section_indexes(section, LocalIndexPage)), None)
    if directory is not None:
        cache_tags.add(f"page-{directory.pk}")
    return {"directory": directory}
