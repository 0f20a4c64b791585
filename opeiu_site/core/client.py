"""The client's address, the one answer every per-visitor limit uses (form rate limits, login
lockouts, page and document passwords).

REMOTE_ADDR (the peer), unless that peer is a trusted proxy: an address in TRUSTED_PROXY_IPS
(addresses or networks) while TRUSTED_PROXY_COUNT > 0. Each proxy appends the address it
received the request from to X-Forwarded-For, so the client is found by walking that list from
the right, one hop per trusted proxy, for at most TRUSTED_PROXY_COUNT hops: the first address
that is not a trusted proxy, or the one the last counted proxy saw. Entries further left are
whatever the client sent and are ignored, and a peer that is not a trusted proxy (a client
reaching gunicorn directly) is taken as it is, whatever it wrote: a forged X-Forwarded-For can
neither dodge a limit nor put someone else's address under it.
"""

import functools
import ipaddress

from django.conf import settings


@functools.lru_cache(maxsize=8)
def _networks(trusted):
    return tuple(ipaddress.ip_network(value.strip(), strict=False) for value in trusted)


def is_trusted_proxy(address):
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in network for network in _networks(tuple(settings.TRUSTED_PROXY_IPS)))


def client_ip(request):
    client = request.META.get("REMOTE_ADDR", "")
    hops = settings.TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    while hops > 0 and forwarded and is_trusted_proxy(client):
        client = forwarded.pop()
        hops -= 1
    return client
