"""Tag purges for HTTP caches in front of the site, as Wagtail frontend-cache backends.

Configured like any Wagtail frontend cache (settings.WAGTAILFRONTENDCACHE; settings.py builds
it from VARNISH_PURGE_URL). A backend that can purge by tag has `purge_tags(tags)`; purge.py
calls it for every content change. A CDN with surrogate keys gets a backend of its own with
the same method. URL purges (Wagtail's `purge(url)`) still work through the parent class.
"""

import logging
from urllib.error import URLError
from urllib.parse import urlsplit
from urllib.request import urlopen

from wagtail.contrib.frontend_cache.backends.http import HTTPBackend, PurgeRequest

logger = logging.getLogger("wagtail.frontendcache")

# Tags per purge request: keeps the header well under Varnish's 8 KB header limit.
TAGS_PER_REQUEST = 100


class XkeyPurgeBackend(HTTPBackend):
    """Varnish with the xkey vmod (deploy/varnish/default.vcl): `PURGE /` with the tags,
    space-separated, in an `xkey-purge` header removes every object carrying one of them."""

    def __init__(self, params):
        self.location = params["LOCATION"].rstrip("/")
        self.timeout = params.get("TIMEOUT", 5)
        super().__init__(params)

    def purge_tags(self, tags):
        tags = sorted(tags)
        for start in range(0, len(tags), TAGS_PER_REQUEST):
            self._send(tags[start : start + TAGS_PER_REQUEST])

    def _send(self, tags):
        request = PurgeRequest(
            url=self.location + "/",
            headers={"xkey-purge": " ".join(tags), "Host": urlsplit(self.location).netloc},
        )
        try:
            # The scheme and host come from the settings (VARNISH_PURGE_URL), not from input.
            with urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                response.read()
        except (URLError, OSError) as error:
            logger.error("Couldn't purge tags %s from %s: %s", tags, self.location, error)
