"""The cache tag of a section's contracts: which section (the International or a local) a
contracts page belongs to is core.sections' `section_of`, without a query for a page being
served (its ancestors came with the routing query)."""

from opeiu_site.core import cache_tags
from opeiu_site.core.sections import section_of

# The listing every contracts page is in (BasePage.listing_kind): its section's contracts.
LISTING_KIND = "contracts"


def contracts_tag(page):
    """ "contracts-local-12" for a page in Local 12's section (or Local 12's page itself);
    "contracts-international" for one in the International's."""
    return cache_tags.listing(LISTING_KIND, section_of(page))


def declare(page, *extra):
    """Declare the cache tags of a contracts page: itself and its section's contracts."""
    cache_tags.add(f"page-{page.pk}", contracts_tag(page), *extra)
