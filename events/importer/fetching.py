"""Fetch an .ics file from an https:// URL for the calendar import, where the deployment allows
it (EVENTS_IMPORT_ALLOW_URLS), without becoming a way into the site's own network.

Every address is checked before anything is sent to it: the host is resolved and each of its
addresses must be public (no loopback, private, shared, link-local, cloud metadata, multicast
or reserved range; an IPv4-mapped IPv6 address counts as its IPv4 one); the connection goes to
the checked address (no second lookup that could answer differently), with the certificate
verified for the host name. Redirects are followed by hand, at most MAX_REDIRECTS, each new
address checked the same way, and only to https:// (never down to http://). What comes back
must be an iCalendar file no larger than the import's limit.

Whatever goes wrong (a refused address, a closed port, a timeout, a certificate, a 404, an
HTML page) the editor reads the same "could not fetch" and nothing of the response: the
import cannot be used to map internal hosts and ports or read internal pages.
"""

import http.client
import ipaddress
import logging
import socket
import ssl
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

from .errors import ImportFileError
from .reading import MAX_BYTES

logger = logging.getLogger(__name__)

MAX_REDIRECTS = 5
TIMEOUT_SECONDS = 10
REDIRECTS = {301, 302, 303, 307, 308}
HEADERS = {"User-Agent": "OPEIU calendar import", "Accept": "text/calendar"}


class Refused(Exception):
    """Why a fetch stopped: logged for the operator, never shown to the editor."""


def is_public_address(ip):
    """Whether `ip` (an ipaddress object) is an address on the public internet."""
    if ip.version == 6 and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
    )


def fetch(url, *, address_allowed=is_public_address, ssl_context=None):
    """The bytes of the iCalendar file at `url`; ImportFileError("could not fetch") otherwise.
    `address_allowed` and `ssl_context` are for tests (a server on loopback, its own CA)."""
    if not settings.EVENTS_IMPORT_ALLOW_URLS:
        raise ImportFileError(_("Importing from a URL is switched off here; upload the file."))
    if not url.lower().startswith("https://"):
        raise ImportFileError(_("Only https:// addresses can be imported."))
    context = ssl_context or ssl.create_default_context()
    try:
        return _fetch(url, address_allowed, context)
    except (Refused, OSError, http.client.HTTPException, ValueError, UnicodeError) as error:
        logger.info("calendar import: could not fetch %s: %r", url, error)
        raise ImportFileError(_("Could not fetch a calendar from this address.")) from None


def _fetch(url, address_allowed, context):
    for _hop in range(MAX_REDIRECTS + 1):
        parts = urlsplit(url)
        if parts.scheme.lower() != "https" or not parts.hostname:
            raise Refused(f"not an https URL: {url}")
        port = parts.port or 443
        address = _checked_address(parts.hostname, port, address_allowed)
        connection = _PinnedHTTPSConnection(parts.hostname, port, address, context)
        try:
            path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            connection.request("GET", path, headers=HEADERS)
            response = connection.getresponse()
            if response.status in REDIRECTS and response.getheader("Location"):
                url = urljoin(url, response.getheader("Location"))
                continue
            if response.status != 200:
                raise Refused(f"answered {response.status}")
            data = response.read(MAX_BYTES + 1)
        finally:
            connection.close()
        if len(data) > MAX_BYTES:
            raise Refused("too large")
        if not data.lstrip(b"\xef\xbb\xbf \t\r\n").upper().startswith(b"BEGIN:VCALENDAR"):
            raise Refused("not an iCalendar file")
        return data
    raise Refused("too many redirects")


def _checked_address(host, port, address_allowed):
    """The address to connect to: every address `host` resolves to must be allowed."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    addresses = [ipaddress.ip_address(info[4][0].split("%", 1)[0]) for info in infos]
    if not addresses:
        raise Refused(f"{host} has no address")
    for ip in addresses:
        if not address_allowed(ip):
            raise Refused(f"{host} resolves to {ip}")
    return str(addresses[0])


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """HTTPS to `address` (already checked), presenting and verifying `host`."""

    def __init__(self, host, port, address, context):
        super().__init__(host, port, timeout=TIMEOUT_SECONDS, context=context)
        self.address = address

    def connect(self):
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)
