"""When each cache tag was last purged, kept in the shared cache (Redis in production) so that
every gunicorn worker and every management command agrees.

A stored page remembers when its render started and which tags it declared; it is valid while
none of its tags was purged since. Checking that costs one `get_many` of the tags' stamps,
whatever the number of tags. A tag whose stamp is missing (expired, evicted, or Redis restarted
without its data) counts as purged: a page is never served on the strength of a forgotten
purge. A stamp missing when a page is stored is set to just before that render started, so
every older copy under that tag stays invalid. Stamps expire a while after the longest-lived
page could (they only keep Redis tidy).
"""

import logging
import time

from django.conf import settings
from django.core.cache import caches

logger = logging.getLogger(__name__)

# A stamp set for a tag that had none lies this far before the render being stored.
MISSING_STAMP_MARGIN = 0.001


def cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def namespace():
    return settings.PAGE_CACHE_NAMESPACE


def tag_key(tag):
    return f"{namespace()}:tag:{tag}"


def now():
    return time.time()


def _stamp_timeout():
    return 2 * settings.PAGE_CACHE_TIMEOUT + 60


def mark_purged(tags):
    """Record that these tags were purged now. Never raises: a cache outage must not break a
    save (the pages then expire by their timeout)."""
    if not tags:
        return
    stamp = now()
    try:
        cache().set_many({tag_key(tag): stamp for tag in tags}, timeout=_stamp_timeout())
    except Exception:
        logger.exception("Could not purge cache tags %s", sorted(tags))


def all_unpurged_since(tags, started, stamps=None):
    """True when every tag is known and none was purged at or after `started`. `stamps`: the
    tags' stamps already fetched (see `get_with_stamps`); fetched here when None."""
    if not tags:
        return True
    keys = [tag_key(tag) for tag in tags]
    if stamps is None:
        stamps = cache().get_many(keys)
    known = [stamps[key] for key in keys if key in stamps]
    return len(known) == len(keys) and all(stamp < started for stamp in known)


def get_with_stamps(key, tags):
    """(value stored under `key` or None, {tag key: stamp} of `tags`): one round trip."""
    found = cache().get_many([key, *(tag_key(tag) for tag in tags)])
    return found.pop(key, None), found


def remember(tags, started):
    """Before storing a page rendered from `started`: False if one of its tags was purged
    during the render; otherwise make sure each tag has a stamp."""
    keys = [tag_key(tag) for tag in tags]
    stamps = cache().get_many(keys)
    if any(stamp >= started for stamp in stamps.values()):
        return False
    for key in set(keys) - stamps.keys():
        cache().add(key, started - MISSING_STAMP_MARGIN, timeout=_stamp_timeout())
    return True
