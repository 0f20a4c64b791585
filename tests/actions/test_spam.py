"""Bots get a normal-looking thank-you and store nothing; people who submit too often are told
to wait with a clear 429 page in the site's look."""

import time

import pytest
from django.core import signing
from wagtail.contrib.forms.models import FormSubmission

from actions import spam
from tests.actions.conftest import signed


def _looks_like_success(response):
    assert response.status_code == 200
    assert "You signed the petition" in response.content.decode()


def test_filled_honeypot_is_a_silent_drop(client, petition_page):
    _looks_like_success(client.post("/petition/", signed(hp_website="http://spam.example")))
    assert not FormSubmission.objects.exists()


def _token(kind):
    if kind == "too fast":  # sent back at once: faster than any person types
        return spam.issue_started_token()
    if kind == "forged":
        return spam.issue_started_token(now=time.time() - 30)[:-2] + "xx"
    if kind == "not a number":
        return signing.dumps({"t": "yesterday", "n": "x"}, salt=spam.TOKEN_SALT)
    return {"missing": "", "garbage": "not-a-token"}[kind]


@pytest.mark.parametrize("kind", ["too fast", "missing", "garbage", "forged", "not a number"])
def test_too_fast_missing_or_forged_timestamp_is_a_silent_drop(client, petition_page, kind):
    _looks_like_success(client.post("/petition/", signed(form_started=_token(kind))))
    assert not FormSubmission.objects.exists()


def test_a_form_left_open_for_days_asks_to_send_again(client, petition_page):
    stale = spam.issue_started_token(now=time.time() - 3 * 24 * 3600)
    response = client.post("/petition/", signed(form_started=stale))
    assert response.status_code == 200
    html = response.content.decode()
    assert "This form was open for a long time. Please send it again." in html
    assert stale not in html  # a fresh stamp comes with the form
    assert not FormSubmission.objects.exists()


def test_rate_limit_gives_a_clear_429_and_stores_no_more(client, petition_page, settings):
    settings.ACTIONS_RATE_LIMIT = (2, 600)
    for number in range(2):
        signature = signed(email=f"member{number}@example.org")  # one signature per address
        assert "Thank you" in client.post("/petition/", signature).content.decode()
    response = client.post("/petition/", signed(email="member2@example.org"))
    assert response.status_code == 429
    assert response["Retry-After"] == "600"
    html = response.content.decode()
    assert "Please wait a few minutes" in html
    assert 'class="site-header"' in html
    assert FormSubmission.objects.count() == 2
    # Another address is not affected.
    other = client.post("/petition/", signed(email="other@example.org"), REMOTE_ADDR="203.0.113.9")
    assert other.status_code == 200
    assert FormSubmission.objects.count() == 3


def test_x_forwarded_for_is_not_trusted_by_default(client, petition_page, settings):
    settings.ACTIONS_RATE_LIMIT = (1, 600)
    client.post("/petition/", signed(), HTTP_X_FORWARDED_FOR="198.51.100.1")
    response = client.post("/petition/", signed(), HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert response.status_code == 429
    assert FormSubmission.objects.count() == 1


@pytest.mark.parametrize(
    ("proxies", "hops"),
    [(1, "{client}"), (2, "{client}, 10.0.0.1"), (2, "6.6.6.6, {client}, 10.0.0.1")],
)
def test_behind_proxies_the_limit_is_per_real_client(
    client, petition_page, settings, proxies, hops
):
    """Every post arrives from the proxy's address: the limit counts each client, taken from
    the hops the trusted proxies appended (what the client wrote itself is ignored)."""
    settings.ACTIONS_RATE_LIMIT = (2, 600)
    settings.TRUSTED_PROXY_COUNT = proxies
    settings.TRUSTED_PROXY_IPS = ["10.0.0.0/24"]  # the proxies

    def post(address):
        forwarded = hops.format(client=address)
        return client.post(
            "/petition/", signed(), REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded
        )

    assert [post("198.51.100.1").status_code for _ in range(3)] == [200, 200, 429]
    assert post("198.51.100.2").status_code == 200  # another member, same proxy
    assert FormSubmission.objects.count() == 3


def test_a_start_stamp_works_once(client, petition_page):
    """Replaying a filled-in form (same stamp) stores nothing more, and looks like success."""
    data = signed()
    _looks_like_success(client.post("/petition/", data))
    _looks_like_success(client.post("/petition/", data, REMOTE_ADDR="203.0.113.7"))
    assert FormSubmission.objects.count() == 1
    # A new showing of the form, by someone else (the same address signs once).
    _looks_like_success(client.post("/petition/", signed(email="ana@example.org")))
    assert FormSubmission.objects.count() == 2


def test_form_errors_do_not_use_up_the_allowance(client, petition_page, settings):
    settings.ACTIONS_RATE_LIMIT = (1, 600)
    for _ in range(3):
        assert client.post("/petition/", signed(email="not-an-email")).status_code == 200
    assert "Thank you" in client.post("/petition/", signed()).content.decode()
    assert FormSubmission.objects.count() == 1
