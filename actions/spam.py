"""Cheap, privacy-friendly spam defences for public forms (no third-party captcha).

- A honeypot: a field people never see (hidden by CSS, skipped by keyboard and screen
  readers) that naive bots fill in.
- A minimum time to submit: the form carries a signed timestamp of when it was shown; a post
  that comes back faster than a person could type, or with a missing or forged stamp, is a bot.
- A per-IP rate limit kept in Django's cache, so a person who submits again and again is asked
  to wait (HTTP 429) instead of filling the inbox. The address is the real client's behind
  TRUSTED_PROXY_COUNT proxies (opeiu_site.core.client), never the proxy's.

Their knobs (ACTIONS_RATE_LIMIT, ACTIONS_MIN_SUBMIT_SECONDS, ACTIONS_FORM_MAX_AGE_SECONDS...)
and their defaults live in one place, the Limits section of opeiu_site/settings.py, and are
read from django.conf.settings as they are.

Every function takes `now` (seconds since the epoch) so tests can run at any moment.
"""

import hashlib
import secrets
import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache

from opeiu_site.core.client import client_ip

TOKEN_SALT = "actions.form-started"
HONEYPOT_FIELD = "hp_website"
STARTED_FIELD = "form_started"
CONSENT_FIELD = "consent"
RESERVED_NAMES = {HONEYPOT_FIELD, STARTED_FIELD, CONSENT_FIELD}

# Verdicts of check_started_token
HUMAN, BOT, EXPIRED = "human", "bot", "expired"


def min_seconds():
    return settings.ACTIONS_MIN_SUBMIT_SECONDS


def max_age_seconds():
    """A form left open longer than this must be sent again (a fresh stamp comes with it)."""
    return settings.ACTIONS_FORM_MAX_AGE_SECONDS


def issue_started_token(now=None):
    """A signed stamp of when the form was shown, unique to this showing (so it can be used
    once: see claim_started_token)."""
    now = time.time() if now is None else now
    return signing.dumps({"t": int(now), "n": secrets.token_hex(8)}, salt=TOKEN_SALT)


def check_started_token(token, now=None):
    """HUMAN, BOT (missing, forged or too fast) or EXPIRED (honest but stale)."""
    now = time.time() if now is None else now
    if not token or len(token) > 200:
        return BOT
    try:
        started = signing.loads(token, salt=TOKEN_SALT)
    except signing.BadSignature:
        return BOT
    started = started.get("t") if isinstance(started, dict) else None
    if not isinstance(started, int):
        return BOT
    elapsed = now - started
    if elapsed < min_seconds():
        return BOT
    if elapsed > max_age_seconds():
        return EXPIRED
    return HUMAN


def looks_like_bot(data, now=None):
    """True when a POST filled the honeypot or came back with a bad or too-quick stamp."""
    if data.get(HONEYPOT_FIELD, ""):
        return True
    return check_started_token(data.get(STARTED_FIELD), now=now) == BOT


def claim_started_token(token):
    """Mark a form's start stamp as used; False if it was used already (a replayed post).

    Kept in the shared cache until the stamp could no longer pass anyway (max_age_seconds)."""
    key = "actions:used:" + hashlib.sha256(token.encode()).hexdigest()[:32]
    return cache.add(key, 1, timeout=max_age_seconds() + 60)


def _rate_key(ip):
    # Hash the address: the cache need not hold readable IPs.
    return "actions:rate:" + hashlib.sha256(ip.encode()).hexdigest()[:32]


def rate_limited(request):
    """Count this submission against the client's allowance; True once it is used up.

    settings.ACTIONS_RATE_LIMIT = (submissions, seconds)."""
    allowed, window = settings.ACTIONS_RATE_LIMIT
    key = _rate_key(client_ip(request))
    if cache.add(key, 1, timeout=window):
        return False
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=window)
        return False
    return count > allowed
