"""Purge cache tags everywhere a public response may be stored: the app's own page cache
(tag_store) and every HTTP cache in front that Wagtail's frontend-cache settings name
(WAGTAILFRONTENDCACHE, e.g. Varnish through frontend_cache.XkeyPurgeBackend).

`purge(tags)` purges now and again once the surrounding transaction commits. The commit-time
purge is the one that matters: a request served between the first purge and the commit still
sees the old rows and may store them. The immediate purge covers code that runs outside a
transaction (and tests, whose transaction never commits). Within one transaction the tags are
gathered and purged once at commit.
"""

import logging
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import transaction

from . import tag_store

logger = logging.getLogger(__name__)

_paused = ContextVar("cache_purges_paused", default=None)


def frontend_backends():
    from wagtail.contrib.frontend_cache.utils import get_backends

    return [backend for backend in get_backends().values() if hasattr(backend, "purge_tags")]


def purge_now(tags):
    """Purge these tags from the app cache and every tag-aware frontend cache. Never raises."""
    tags = sorted(set(tags))
    if not tags:
        return
    tag_store.mark_purged(tags)
    for backend in frontend_backends():
        try:
            backend.purge_tags(tags)
        except Exception:
            logger.exception("Could not purge %s from %s", tags, type(backend).__name__)


def purge(tags):
    """Purge now (the app cache; everything when outside a transaction) and, inside a
    transaction, everything once it commits."""
    tags = set(tags)
    if not tags:
        return
    paused = _paused.get()
    if paused is not None:
        paused.update(tags)
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        purge_now(tags)
        return
    tag_store.mark_purged(tags)
    _pending_for(connection).update(tags)


class _PendingPurge(set):
    def __call__(self):
        purge_now(self)


def _pending_for(connection):
    """The tags gathered for the current transaction's commit (a fresh set when the previous
    one ran or was dropped by a rollback)."""
    pending = getattr(connection, "_cache_purge_pending", None)
    if pending is None or not any(item[1] is pending for item in connection.run_on_commit):
        pending = _PendingPurge()
        connection._cache_purge_pending = pending
        transaction.on_commit(pending)
    return pending


@contextmanager
def purges_paused():
    """Bulk loaders: gather the purges and purge once at the end."""
    pending = set()
    token = _paused.set(pending)
    try:
        yield
    finally:
        _paused.reset(token)
        purge(pending)
