"""The client's address, the one answer every per-visitor limit uses (form rate limits, login
lockouts, page-password attempts).

REMOTE_ADDR, unless TRUSTED_PROXY_COUNT proxies sit in front of the site: each appends the
address it received the request from to X-Forwarded-For, so the client is the right-most
address that no trusted proxy is: the N-th from the right. Entries further left are whatever
the client sent and are ignored, so a forged X-Forwarded-For can neither dodge a limit nor
put someone else's address under it.
"""

from django.conf import settings


def client_ip(request):
    count = settings.TRUSTED_PROXY_COUNT
    remote = request.META.get("REMOTE_ADDR", "")
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < count:
        # Fewer hops than configured proxies: the request did not come through all of them.
        return remote
    return forwarded[-count]
