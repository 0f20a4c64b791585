"""Which section (the International or a local) a page belongs to, without a query.

Contracts pages sit at a fixed depth below their section root (a LocalPage or the
International's HomePage), so the section's slug can be read off the page's own url_path.
"""

from opeiu_site.core import cache_tags

SITE_ROOT_DEPTH = 2  # Wagtail's root is depth 1; each site's home page is depth 2


def section_slug(page, levels_up):
    """ "local-12" for a page `levels_up` levels below Local 12's page; "international" for a
    page under the International's home page."""
    depth = page.depth - levels_up
    if depth <= SITE_ROOT_DEPTH:
        return "international"
    return page.url_path.strip("/").split("/")[depth - SITE_ROOT_DEPTH]


def contracts_tag(page, levels_up):
    return f"contracts-{section_slug(page, levels_up)}"


def declare(page, levels_up, *extra):
    """Declare the cache tags of a contracts page: itself and its section's contracts."""
    cache_tags.add(f"page-{page.pk}", contracts_tag(page, levels_up), *extra)
