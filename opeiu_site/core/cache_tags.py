"""Cache tags (surrogate keys): what a public response shows, so that a change purges only that.

Code that reads content for a public response declares the tags of what it read with `add()`
(query helpers do it for the listings they return, pages for themselves); the page cache and
the HTTP cache in front (Varnish xkey, or a CDN's surrogate keys) store the response under
those tags, and a content change purges the tags it touches (opeiu_site/ops/invalidation.py).

Tag names:

    page-<id>             one page's own content
    <kind>-<section>      a listing a page draws from: news-local-212, events-local-12,
                          benefits-international, contracts-local-12 ...
    promos-<placement>    promos shown in a placement (promos-home)
    settings-site-<id>    a site's settings (footer, contact details)

`<section>` is "international" for the International's own content, or the local's slug
("local-12") for anything under a LocalPage. Tags are plain ASCII words without spaces, so
they can travel in one `xkey` / `Surrogate-Key` header.
"""

from contextlib import contextmanager
from contextvars import ContextVar

_collected = ContextVar("cache_tags", default=None)


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
