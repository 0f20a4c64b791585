"""Page passwords cannot be guessed without limit: after a few wrong passwords from one client
address, Wagtail's password form answers with a clear 429 page for a while."""

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

from tests.actions.conftest import fresh_cache  # noqa: F401 (autouse: the counts live in the cache)
from tests.factories import StandardPageFactory


@pytest.fixture
def protected(home, settings):
    settings.PAGE_PASSWORD_RATE_LIMIT = (3, 900)
    page = StandardPageFactory(parent=home, slug="members", title="Members only")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="solidarity"
    )
    return reverse("page_password", args=[restriction.pk, page.pk])


def _try(client, url, password, **extra):
    return client.post(url, {"password": password, "return_url": "/members/"}, **extra)


def test_the_form_posts_to_the_limited_view(client, protected):
    html = client.get("/members/").content.decode()
    assert f'action="{protected}"' in html


def test_wrong_passwords_are_limited_per_address(client, protected):
    for _ in range(3):
        wrong = _try(client, protected, "guess")
        assert wrong.status_code == 200
        assert 'name="password"' in wrong.content.decode()
    blocked = _try(client, protected, "solidarity")
    assert blocked.status_code == 429, "no more tries, not even the right one, for a while"
    assert blocked["Retry-After"] == "900"
    html = blocked.content.decode()
    assert "Too many wrong passwords" in html and 'class="site-header"' in html
    # A member at another address is not affected, and gets in.
    member = _try(client.__class__(), protected, "solidarity", REMOTE_ADDR="198.51.100.7")
    assert member.status_code == 302 and member["Location"] == "/members/"


def test_behind_a_proxy_each_visitor_has_their_own_allowance(client, protected, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    via_proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for _ in range(3):
        _try(client, protected, "guess", HTTP_X_FORWARDED_FOR="203.0.113.9", **via_proxy)
    assert (
        _try(client, protected, "x", HTTP_X_FORWARDED_FOR="203.0.113.9", **via_proxy).status_code
        == 429
    )
    member = _try(
        client.__class__(),
        protected,
        "solidarity",
        HTTP_X_FORWARDED_FOR="198.51.100.7",
        **via_proxy,
    )
    assert member.status_code == 302
