"""Whole-page cache for anonymous visitors, invalidated by cache tags.

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
* While a response is built, the code that reads content declares cache tags
  (opeiu_site.core.cache_tags). A storable response goes out with `Cache-Control: public`
  and its tags in the `xkey` header (for Varnish or a CDN in front), and is stored here with
  its tags and the moment its render started. It is served again while none of its tags was
  purged since (tag_store.py): a content change purges only the tags it touches
  (invalidation.py), so a publish in one local leaves every other local's pages cached. A
  render that started before a purge is never served after it.
* The key is the scheme, host, path and the query string with tracking parameters (utm_*,
  fbclid, gclid, mc_*) removed and the rest sorted, as Varnish does (deploy/varnish).
* A hit runs no view, no database query, and no middleware after this one (sessions, CSRF,
  auth, axes): one `get_many` of the page with its tags' stamps (the tags this worker saw
  the page with last time; a second `get_many` when they changed). Public pages
  carry no per-response CSP nonce, so the stored body is right for everyone.
"""

import hashlib
import logging
import re
from functools import wraps
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

from opeiu_site.core import cache_tags
from opeiu_site.core import wagtail_private as private

from . import tag_store

logger = logging.getLogger(__name__)

HIT_HEADER = "X-Page-Cache"
TAGS_HEADER = "xkey"
# Set on the request by the page hook or a view decorator: True = may be stored, False = never.
REQUEST_FLAG = "_page_cache_allowed"
# When the response's render started: parts of it stored on their own (cached fragments)
# count from then too, so that a tag stamp they add never postdates the page's render.
RENDER_STARTED = "_page_cache_started"
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
TRACKING_PARAMETER = re.compile(r"^(utm_.*|fbclid|gclid|mc_.*)$")


def allow_caching(request, allowed=True):
    """Mark a request's response as storable (or, with allowed=False, never storable)."""
    if getattr(request, REQUEST_FLAG, None) is False:
        return
    setattr(request, REQUEST_FLAG, allowed)


def cache_public(view=None, *, tags=None):
    """Opt a non-page view (search, a feed, the sitemap) into the public caches.

    `tags(request)` returns the tags of what the view shows, called after the view ran (so
    the site Site.find_for_request found is there to use: core.wagtail_private)."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            allow_caching(request)
            response = view(request, *args, **kwargs)
            if tags is not None:
                cache_tags.add(*tags(request))
            return response

        return wrapper

    return decorate(view) if view is not None else decorate


def page_is_cacheable(page):
    from wagtail.contrib.forms.models import FormMixin

    from opeiu_site.core.models import BasePage

    # A page of a type outside BasePage (Wagtail's own) has no contract: it is stored.
    stored = page.page_cache if isinstance(page, BasePage) else True
    return stored and not isinstance(page, FormMixin)


def normalised_query(query_string):
    """The query string without tracking parameters, sorted (the cache key's part)."""
    pairs = parse_qsl(query_string, keep_blank_values=True)
    return urlencode(sorted(pair for pair in pairs if not TRACKING_PARAMETER.match(pair[0])))


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


def lookup(key):
    """The entry stored under `key` (a page, or a cached fragment: a dict with its "tags" and
    the "started" time of its render) while none of its tags was purged since, else None.

    One round trip: the entry and the stamps of the tags it had when this worker last saw it;
    a second one only when its tags changed since (or on first sight)."""
    expected = _tags_seen.get(key, ())
    entry, stamps = tag_store.get_with_stamps(key, expected)
    if entry is None:
        return None
    if tuple(entry["tags"]) != expected:
        _remember_tags(key, entry["tags"])
        stamps = None
    if not tag_store.all_unpurged_since(entry["tags"], entry["started"], stamps):
        return None
    return entry


def request_may_use_cache(request):
    """Could the cache answer this request? Not for other methods, the excluded paths, or a
    visitor with a session, messages cookie or Authorization header."""
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path_info.startswith(tuple(settings.PAGE_CACHE_EXCLUDED_PATHS)):
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    return not any(name in request.COOKIES for name in _bypass_cookies())


def renders_for_everyone(request):
    """Is what this request renders the same for every anonymous visitor, so that a part of
    it (a cached fragment) may be stored and shared? The storing rule above, applied while
    the response is being built: a request the cache could answer, for a view that opted in
    (a page past Wagtail's privacy checks, not a form page), no preview, no logged-in user."""
    return (
        request is not None
        and getattr(request, REQUEST_FLAG, None) is True
        and not getattr(request, "is_preview", False)
        and request_may_use_cache(request)
        and not _is_logged_in(request)
    )


class PageCacheMiddleware:
    """Serve and store anonymous pages; see the module docstring for the rule.

    Place it right after WhiteNoise and before SessionMiddleware, so that on the way out it
    sees the cookies and Vary headers that the session, CSRF and messages middleware add, and
    so that a hit never reaches them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = self._key(request) if request_may_use_cache(request) else None
        if key is not None and settings.PAGE_CACHE_ENABLED:
            response = self._lookup(key)
            if response is not None:
                return response

        started = tag_store.now()
        setattr(request, RENDER_STARTED, started)
        with cache_tags.collecting() as tags:
            response = self.get_response(request)
        if key is not None and self._response_is_storable(request, response):
            site = private.site_of(request)
            if site is not None:
                tags.add(cache_tags.site(site))
            self._mark_public(response, tags)
            if settings.PAGE_CACHE_ENABLED:
                self._store(response, key, tags, started)
        else:
            self._mark_uncached(request, response)
        return response

    # --- requests ---------------------------------------------------------------------------

    def _key(self, request):
        try:
            host = request.get_host()
        except Exception:
            # A disallowed host is answered (400) further in.
            return None
        query = normalised_query(request.META.get("QUERY_STRING", ""))
        digest = hashlib.sha256(f"{request.path}?{query}".encode()).hexdigest()
        return f"{tag_store.namespace()}:page:{request.scheme}:{host}:{digest}"

    def _lookup(self, key):
        try:
            entry = lookup(key)
            if entry is None:
                return None
        except Exception:
            logger.exception("Page cache unavailable; rendering")
            return None
        response = HttpResponse(entry["content"], status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
        response[HIT_HEADER] = "HIT"
        return response

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

    def _mark_public(self, response, tags):
        if "Cache-Control" not in response:
            response["Cache-Control"] = public_cache_control()
        patch_vary_headers(response, ("Cookie",))
        response[TAGS_HEADER] = " ".join(sorted(tags))

    def _store(self, response, key, tags, started):
        entry = {
            "status": response.status_code,
            "headers": [
                (name, value)
                for name, value in response.items()
                if name.lower() not in UNSTORED_HEADERS
            ],
            "content": response.content,
            "tags": sorted(tags),
            "started": started,
        }
        try:
            if tag_store.remember(tags, started):
                tag_store.cache().set(key, entry, settings.PAGE_CACHE_TIMEOUT)
        except Exception:
            logger.exception("Could not store a page in the cache")
        response[HIT_HEADER] = "MISS"

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


# key -> the tags of the page last found under it, per worker, so that a hit fetches the page
# and its tags' stamps together. A guess only: the stamps checked are always the stored page's.
_tags_seen = {}
TAGS_SEEN_LIMIT = 10_000


def _remember_tags(key, tags):
    if len(_tags_seen) >= TAGS_SEEN_LIMIT:
        _tags_seen.clear()
    _tags_seen[key] = tuple(tags)


def _bypass_cookies():
    return (
        settings.SESSION_COOKIE_NAME,
        getattr(settings, "MESSAGES_COOKIE_NAME", "messages"),
        *settings.PAGE_CACHE_BYPASS_COOKIES,
    )


def invalidation_paused():
    """Bulk loaders (bench/dataset.py): gather the purges and purge once at the end."""
    from .purge import purges_paused

    return purges_paused()
