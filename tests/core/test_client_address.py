"""One client address for every per-visitor limit (opeiu_site.core.client): the action forms'
rate limit and the page-password limit count the same visitor for the same request, behind a
proxy too, by the same rule (the address the trusted proxy saw, not what the client wrote)."""

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

from tests.actions.conftest import fresh_cache, signed  # noqa: F401 (autouse: counts in the cache)
from tests.actions.factories import petition
from tests.factories import StandardPageFactory

VISITOR = "203.0.113.9"


def _through_proxy(visitor, written_by_client):
    # What the client wrote itself comes first; the trusted proxy appends what it saw.
    return {
        "REMOTE_ADDR": "10.0.0.2",
        "HTTP_X_FORWARDED_FOR": f"{written_by_client}, {visitor}",
    }


def test_form_and_page_password_limits_count_the_same_visitor(client, home, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXY_IPS = ["10.0.0.2"]
    settings.ACTIONS_RATE_LIMIT = (1, 600)
    settings.PAGE_PASSWORD_RATE_LIMIT = (1, 900)
    petition(home, slug="petition")
    page = StandardPageFactory(parent=home, slug="members", title="Members only")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="solidarity"
    )
    password_url = reverse("page_password", args=[restriction.pk, page.pk])

    def sign(**request):
        return client.post("/petition/", signed(), **request).status_code

    def guess(**request):
        data = {"password": "guess", "return_url": "/members/"}
        return client.post(password_url, data, **request).status_code

    for attempt in (sign, guess):
        assert attempt(**_through_proxy(VISITOR, written_by_client="6.6.6.6")) == 200
        # The same visitor writing something else is still the same visitor...
        assert attempt(**_through_proxy(VISITOR, written_by_client="7.7.7.7")) == 429, attempt
        # ...and another visitor writing the first one's address is not them.
        assert attempt(**_through_proxy("198.51.100.7", written_by_client=VISITOR)) == 200


@pytest.mark.parametrize(
    ("peer", "forwarded", "proxies", "expected"),
    [
        # A trusted proxy's hop counts; what the client wrote before it does not.
        ("10.0.0.2", "6.6.6.6, 203.0.113.9", 1, "203.0.113.9"),
        # A peer that is no trusted proxy is the client, whatever it wrote.
        ("203.0.113.9", "198.51.100.7", 1, "203.0.113.9"),
        ("203.0.113.9", "10.0.0.2, 198.51.100.7", 2, "203.0.113.9"),
        # Two proxies: each hop must be a trusted proxy to walk past it.
        ("10.0.0.2", "6.6.6.6, 203.0.113.9, 10.0.0.1", 2, "203.0.113.9"),
        ("10.0.0.2", "6.6.6.6, 203.0.113.9", 2, "203.0.113.9"),
        # No proxies configured: the peer, even a trusted address.
        ("10.0.0.2", "203.0.113.9", 0, "10.0.0.2"),
        ("10.0.0.2", "", 1, "10.0.0.2"),
    ],
)
def test_forwarded_for_counts_only_from_trusted_proxies(
    settings, peer, forwarded, proxies, expected
):
    from django.test import RequestFactory

    from opeiu_site.core.client import client_ip

    settings.TRUSTED_PROXY_COUNT = proxies
    settings.TRUSTED_PROXY_IPS = ["10.0.0.0/24"]
    request = RequestFactory().get("/", REMOTE_ADDR=peer, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected
