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
    settings.TRUSTED_PROXY_IPS = ["10.0.0.2"]
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


@pytest.fixture
def protected_document(protected):
    """A document in a password-protected collection, and the URL of its password form."""
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.models import Collection, CollectionViewRestriction

    collection = Collection.get_first_root_node().add_child(name="Members' files")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection,
        restriction_type=CollectionViewRestriction.PASSWORD,
        password="solidarity",
    )
    document = get_document_model()(title="Bylaws", collection=collection)
    document.file.save("bylaws.txt", ContentFile(b"Article I"), save=False)
    document.save()
    return document, reverse("wagtaildocs_authenticate_with_password", args=[restriction.pk])


def test_document_passwords_share_the_page_passwords_limit(client, protected, protected_document):
    """One allowance per address for every password form: guesses at a page's form count
    against a document's form too, and the document's own form is limited the same way."""
    document, document_form = protected_document
    assert client.get(document.url).status_code == 200  # the password form
    assert f'action="{document_form}"' in client.get(document.url).content.decode()
    for _ in range(2):
        assert _try(client, protected, "guess").status_code == 200
    assert _try(client, document_form, "guess").status_code == 200  # the third wrong one
    blocked = _try(client, document_form, "solidarity")
    assert blocked.status_code == 429 and blocked["Retry-After"] == "900"
    assert _try(client, protected, "solidarity").status_code == 429
    # Another address has its own allowance, and the right password opens the file.
    elsewhere = client.__class__(REMOTE_ADDR="198.51.100.7")
    opened = _try(elsewhere, document_form, "solidarity")
    assert opened.status_code == 302
    response = elsewhere.get(document.url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"Article I"


def test_a_forged_forwarded_for_from_an_untrusted_peer_changes_nothing(client, protected, settings):
    """A client reaching the site directly (not through a trusted proxy) is its own address,
    whatever X-Forwarded-For it writes: a new forged hop per guess gives no new allowance."""
    settings.TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXY_IPS = ["10.0.0.2"]
    direct = {"REMOTE_ADDR": "203.0.113.9"}
    for number in range(3):
        forged = {"HTTP_X_FORWARDED_FOR": f"198.51.100.{number}", **direct}
        assert _try(client, protected, "guess", **forged).status_code == 200
    forged = {"HTTP_X_FORWARDED_FOR": "198.51.100.77", **direct}
    assert _try(client, protected, "solidarity", **forged).status_code == 429
    # Nor can it spend someone else's allowance: that visitor, through the proxy, gets in.
    via_proxy = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "198.51.100.1"}
    assert _try(client.__class__(), protected, "solidarity", **via_proxy).status_code == 302
