"""Cache tags (surrogate keys): what a public response shows, so that a change purges only that.

Code that reads content for a public response declares the tags of what it read with `add()`
(query helpers do it for the listings they return, pages for themselves); the page cache and
the HTTP cache in front (Varnish xkey, or a CDN's surrogate keys) store the response under
those tags, and a content change purges the tags it touches (the rules and their table:
opeiu_site/ops/invalidation.py and docs/caching.md).

Tag names (build them with the helpers below, never by hand):

    page-<id>                 one page's own content (title, fields, URL)
    children-<id>             the live children of a page: an index's list, a feed, the menu
    <kind>-<section>          a section's listing a page draws from: news-local-212,
                              events-international, benefits-local-12 ...
    <kind>-tree-<path>        everything of a kind anywhere under a page (a calendar that
                              includes the locals' events)
    promos-<placement>        promos shown in a placement (promos-home)
    settings-site-<id>        a site's settings (header, footer, contact details)
    site-<id>                 anything a site serves (its hostname, its root)
    search-site-<id>          a site's search results;  sitemap-site-<id>  its sitemap

`<section>` is "international" for the International's own content, or the local's slug
("local-12") for anything under a LocalPage. Tags are plain ASCII words without spaces, so
they travel in one `xkey` / `Surrogate-Key` header.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from . import sections

_collected = ContextVar("cache_tags", default=None)

INTERNATIONAL = "international"


def add(*tags):
    """Declare that the response being built shows what these tags name. A no-op outside
    `collecting()` (management commands, the admin)."""
    collected = _collected.get()
    if collected is not None:
        collected.update(tag for tag in tags if tag)


@contextmanager
def collecting():
    """Collect the tags declared while building one response; yields the set."""
    tags = set()
    token = _collected.set(tags)
    try:
        yield tags
    finally:
        _collected.reset(token)


@contextmanager
def capturing():
    """Collect the tags declared while building one part of a response (a cached fragment),
    and pass them on to the response being built around it. Yields the part's own set."""
    outer = _collected.get()
    with collecting() as tags:
        yield tags
    if outer is not None:
        outer.update(tags)


def _pk(page_or_id):
    return getattr(page_or_id, "pk", page_or_id)


def page(page_or_id):
    return f"page-{_pk(page_or_id)}"


def children(page_or_id):
    return f"children-{_pk(page_or_id)}"


def is_local_section(page_obj):
    """Is this page a local's section root? No query (the class comes from the content type)."""
    return page_obj is not None and sections.is_local_section_class(page_obj.specific_class)


def section_key(section):
    """ "international", or the local's slug, for a section root page (the International's
    home page or a LocalPage)."""
    return section.slug if is_local_section(section) else INTERNATIONAL


def listing(kind, section):
    """The tag of a section's listing of a kind: listing("news", local_212) -> news-local-212."""
    return f"{kind}-{section_key(section)}"


def tree(kind, path):
    """Everything of `kind` under the page at tree path `path` (a Wagtail page path)."""
    return f"{kind}-tree-{path}"


def promos(placement):
    return f"promos-{placement}"


def site(site_or_id):
    return f"site-{_pk(site_or_id)}"


def site_settings(site_or_id):
    return f"settings-site-{_pk(site_or_id)}"


def search(site_or_id):
    return f"search-site-{_pk(site_or_id)}"


def sitemap(site_or_id):
    return f"sitemap-site-{_pk(site_or_id)}"
