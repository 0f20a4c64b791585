"""Cached fragments: a section of a public page rendered once and reused until one of the
cache tags it declared is purged.

    {% load fragment_tags %}
    {% cachefragment "local-news" page.pk %}{% latest_news page %}{% endcachefragment %}

The name and the values after it (the page or section the fragment draws from) make the key,
together with the scheme, host and site of the request: one local's fragment never serves
another's. While the fragment renders, the tags its query helpers declare
(`cache_tags.add`) are captured and stored with its HTML; served from the cache, the fragment
declares them again, so the response around it (the page cache's entry, Varnish's xkey
header) carries the same tags as when it was rendered. The fragment is valid while none of
those tags was purged after its render started (`page_cache.lookup`, the page cache's own
rule); it always carries its site's tag too.

Only what every anonymous visitor would see is cached or served: the page cache's own rule
(`page_cache.renders_for_everyone`: a public page past Wagtail's privacy checks, not a form
page, no preview, no session or logged-in user). Any other request renders the fragment
afresh and stores nothing. `FRAGMENT_CACHE_ENABLED` turns fragments off on their own
(`FRAGMENT_CACHE_TIMEOUT` bounds how long clock-dependent content lags, as for whole pages).
"""

import hashlib
import logging

from django import template
from django.conf import settings
from django.utils.safestring import mark_safe

from opeiu_site.core import cache_tags, page_tree

from .. import page_cache, tag_store

logger = logging.getLogger(__name__)
register = template.Library()


def fragment_key(request, name, vary_on):
    site = page_tree.find_site(request)
    varies = "\x1f".join(str(value) for value in vary_on)
    digest = hashlib.sha256(f"{name}\x1e{varies}".encode()).hexdigest()[:32]
    return (
        f"{tag_store.namespace()}:fragment:{request.scheme}:{request.get_host()}:"
        f"{site.pk if site is not None else '-'}:{digest}"
    )


def _cached(key):
    try:
        return page_cache.lookup(key)
    except Exception:
        logger.exception("Fragment cache unavailable; rendering")
        return None


def _store(key, html, tags, started):
    try:
        if tag_store.remember(tags, started):
            entry = {"html": str(html), "tags": sorted(tags), "started": started}
            tag_store.cache().set(key, entry, settings.FRAGMENT_CACHE_TIMEOUT)
    except Exception:
        logger.exception("Could not store a fragment in the cache")


class CacheFragmentNode(template.Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on

    def render(self, context):
        request = context.get("request")
        if not (settings.FRAGMENT_CACHE_ENABLED and page_cache.renders_for_everyone(request)):
            return self.nodelist.render(context)
        name = self.name.resolve(context)
        key = fragment_key(request, name, [value.resolve(context) for value in self.vary_on])
        entry = _cached(key)
        if entry is not None:
            cache_tags.add(*entry["tags"])
            return mark_safe(entry["html"])  # our own render, stored as it was rendered

        # From the start of the response's render: a stamp this store adds for a tag that had
        # none must not postdate the page's start, or the page would not be stored.
        started = getattr(request, page_cache.RENDER_STARTED, None) or tag_store.now()
        with cache_tags.capturing() as tags:
            html = self.nodelist.render(context)
            site = page_tree.find_site(request)
            if site is not None:
                cache_tags.add(cache_tags.site(site))
        # Rendering may have changed what the request is (a block that reads a cookie and
        # opts out): store only if it still renders the same for everyone.
        if page_cache.renders_for_everyone(request):
            _store(key, html, tags, started)
        return html


@register.tag("cachefragment")
def cachefragment(parser, token):
    """{% cachefragment "name" value ... %}...{% endcachefragment %}: see the module docstring.
    The values (a page's pk, a placement) say what the fragment varies by."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"'{bits[0]}' needs a fragment name")
    nodelist = parser.parse(("endcachefragment",))
    parser.delete_first_token()
    return CacheFragmentNode(
        nodelist,
        parser.compile_filter(bits[1]),
        [parser.compile_filter(bit) for bit in bits[2:]],
    )
