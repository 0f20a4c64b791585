"""Whole-page cache for anonymous visitors, invalidated site-wide by a generation token.

The rule, in one place:

* A request may be answered from the cache when it is a GET or HEAD, outside the excluded
  paths (the admin, documents, health check), with no session or messages cookie and no
  Authorization header. Everyone else, logged-in editors first, always gets a fresh render.
* A response is stored only when the view opted in (every Wagtail page does, through the
  `on_serve_page` hook in wagtail_hooks.py, except form pages and pages whose class sets
  `page_cache = False`; other views opt in with `@cache_public`), it is a plain 200, it sets
  no cookie, its own Cache-Control does not say private/no-store/no-cache, and the visitor is
  anonymous. A page with a form carries a CSRF token, and using the token always sets the
  CSRF cookie: such a page is never stored even if its class forgot to opt out. (`Vary:
  Cookie` alone does not prevent storing: any template that looks at request.user adds it,
  and the cache only ever answers requests without a session or messages cookie, for which
  the page is the same. A page that reads other cookies must set `page_cache = False`.)
* Every key contains the current *generation*, a random token kept in the shared cache (Redis
  in production) so that all gunicorn workers see the same one. Publishing, unpublishing,
  moving, deleting a page, or saving any snippet, site setting, image, document, site or view
  restriction replaces the token (see invalidation.py): every cached page becomes unreachable
  at once and expires on its own. A render that started before the change was read under the
  old token, so it can never be stored under the new one.
* Pages are rendered with a CSP nonce. The stored copy remembers the nonce it was rendered
  with; a cache hit swaps in a fresh nonce, so no two responses share one.
"""

import hashlib
import logging
import re
import secrets
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
HIT_HEADER = "X-Page-Cache"
# Set on the request by the page hook or a view decorator: True = may be stored, False = never.
REQUEST_FLAG = "_page_cache_allowed"
# Headers that belong to one response only, or that outer middleware adds on every response.
UNSTORED_HEADERS = {
    "set-cookie",
    "date",
    "content-security-policy",
    "content-security-policy-report-only",
    HIT_HEADER.lower(),
}
NO_STORE_DIRECTIVES = {"private", "no-store", "no-cache"}
_CC_DELIMITER = re.compile(r"\s*,\s*")
PRIVATE_CACHE_CONTROL = "private, no-store"

_paused = ContextVar("page_cache_invalidation_paused", default=None)


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def _new_token():
    # Random rather than a counter: if the key is ever evicted or Redis restarts empty, a
    # fresh token can never coincide with one that old entries were stored under.
    return secrets.token_hex(8)


def current_generation():
    cache = _cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, _new_token(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def bump_generation():
    """Make every cached page unreachable. Never raises: a cache outage must not break a save."""
    try:
        _cache().set(GENERATION_KEY, _new_token(), timeout=None)
    except Exception:
        logger.exception("Could not invalidate the page cache")


def invalidate():
    """Invalidate now and again once the surrounding transaction commits.

    The commit-time bump is the one that matters: a request that reads the new token before
    the commit could still see the old rows and store them. The immediate bump covers code
    that runs outside a transaction (and tests, whose transaction never commits).
    """
    pending = _paused.get()
    if pending is not None:
        pending.append(True)
        return
    bump_generation()
    transaction.on_commit(bump_generation)


@contextmanager
def invalidation_paused():
    """Bulk loaders: collect invalidations and invalidate once at the end."""
    pending = []
    token = _paused.set(pending)
    try:
        yield
    finally:
        _paused.reset(token)
        if pending:
            invalidate()


def allow_caching(request, allowed=True):
    """Mark a request's response as storable (or, with allowed=False, never storable)."""
    if getattr(request, REQUEST_FLAG, None) is False:
        return
    setattr(request, REQUEST_FLAG, allowed)


def cache_public(view):
    """Opt a non-page view (search, a feed) into the anonymous page cache."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        allow_caching(request)
        return view(request, *args, **kwargs)

    return wrapper


def page_is_cacheable(page):
    from wagtail.contrib.forms.models import FormMixin

    return getattr(page, "page_cache", True) and not isinstance(page, FormMixin)


def _cache_control_directives(response):
    value = response.get("Cache-Control", "")
    return {part.split("=")[0].strip().lower() for part in _CC_DELIMITER.split(value) if part}


def _varies_on_everything(response):
    return any(part.strip() == "*" for part in response.get("Vary", "").split(","))


def _is_logged_in(request):
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


def public_cache_control():
    return (
        f"public, max-age={settings.PAGE_CACHE_MAX_AGE}, "
        f"stale-while-revalidate={settings.PAGE_CACHE_STALE_WHILE_REVALIDATE}"
    )


class PageCacheMiddleware:
    """Serve and store anonymous pages; see the module docstring for the rule.

    Place it right after WhiteNoise and before SessionMiddleware, so that on the way out it
    sees the cookies and Vary headers that the session, CSRF and messages middleware add.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = self._key(request) if self._request_may_use_cache(request) else None
        if key is not None:
            try:
                entry = _cache().get(key)
            except Exception:
                logger.exception("Page cache unavailable; rendering")
                entry = None
            if entry is not None:
                return self._from_entry(request, entry)

        response = self.get_response(request)
        if key is not None and self._response_is_storable(request, response):
            self._store(request, response, key)
        else:
            self._mark_uncached(request, response)
        return response

    # --- requests ---------------------------------------------------------------------------

    def _request_may_use_cache(self, request):
        if not settings.PAGE_CACHE_ENABLED or request.method not in ("GET", "HEAD"):
            return False
        if request.path_info.startswith(tuple(settings.PAGE_CACHE_EXCLUDED_PATHS)):
            return False
        if "HTTP_AUTHORIZATION" in request.META:
            return False
        return not any(name in request.COOKIES for name in _bypass_cookies())

    def _key(self, request):
        try:
            host = request.get_host()
            generation = current_generation()
        except Exception:
            # A disallowed host is answered (400) further in; a cache outage means no cache.
            logger.debug("Page cache skipped", exc_info=True)
            return None
        digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        return f"pagecache:{generation}:{request.scheme}:{host}:{digest}"

    # --- responses --------------------------------------------------------------------------

    def _response_is_storable(self, request, response):
        return (
            getattr(request, REQUEST_FLAG, None) is True
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not _varies_on_everything(response)
            and not (_cache_control_directives(response) & NO_STORE_DIRECTIVES)
            and not _is_logged_in(request)
        )

    def _store(self, request, response, key):
        if "Cache-Control" not in response:
            response["Cache-Control"] = public_cache_control()
        patch_vary_headers(response, ("Cookie",))
        nonce = getattr(request, "_csp_nonce", None)
        entry = {
            "status": response.status_code,
            "headers": [
                (name, value)
                for name, value in response.items()
                if name.lower() not in UNSTORED_HEADERS
            ],
            "content": response.content,
            # Only a nonce that the page actually used needs replacing on a hit.
            "nonce": str(nonce) if nonce else None,
        }
        try:
            _cache().set(key, entry, settings.PAGE_CACHE_TIMEOUT)
        except Exception:
            logger.exception("Could not store a page in the cache")
        response[HIT_HEADER] = "MISS"

    def _from_entry(self, request, entry):
        content = entry["content"]
        old_nonce = entry["nonce"]
        fresh_nonce = getattr(request, "_csp_nonce", None)
        if old_nonce and fresh_nonce is not None:
            content = content.replace(old_nonce.encode(), str(fresh_nonce).encode())
        response = HttpResponse(content, status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
        response["Content-Length"] = str(len(content))
        response[HIT_HEADER] = "HIT"
        return response

    def _mark_uncached(self, request, response):
        if "Cache-Control" in response:
            return
        personal = (
            request.path_info.startswith(tuple(settings.PAGE_CACHE_PRIVATE_PATHS))
            or _is_logged_in(request)
            or bool(response.cookies)
            or getattr(request, REQUEST_FLAG, None) is False
            or any(name in request.COOKIES for name in _bypass_cookies())
        )
        if personal:
            response["Cache-Control"] = PRIVATE_CACHE_CONTROL


def _bypass_cookies():
    return (
        settings.SESSION_COOKIE_NAME,
        getattr(settings, "MESSAGES_COOKIE_NAME", "messages"),
        *settings.PAGE_CACHE_BYPASS_COOKIES,
    )
