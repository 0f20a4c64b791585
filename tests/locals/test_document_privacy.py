"""What a document in a local's collection means for anonymous visitors: public unless its
collection is restricted (Wagtail's collection privacy) or every live page linking it is
restricted; and no URL serves the file around that check (docs/admin-isolation.md)."""

import pytest
import wagtail_factories
from django.urls import reverse
from wagtail.models import CollectionViewRestriction, PageViewRestriction

from opeiu_site.home.models import StandardPage


@pytest.fixture
def bylaws(tree, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return wagtail_factories.DocumentFactory(
        title="Local 212 bylaws",
        collection=tree.local212.access.collection,
        file__filename="bylaws.txt",
        file__data=b"Article I",
    )


def _download(client, document):
    response = client.get(document.url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, body


def _link(parent, document, slug, restriction=None):
    page = parent.add_child(
        instance=StandardPage(
            title=f"Page {slug}",
            slug=slug,
            body=[("document", {"document": document, "label": "Bylaws"})],
        )
    )
    page.save_revision().publish()
    if restriction:
        PageViewRestriction.objects.create(page=page, **restriction)
    return page


def test_a_local_document_is_public_by_default(client, bylaws):
    assert _download(client, bylaws) == (200, b"Article I")


def test_a_document_in_a_restricted_collection_is_refused_anonymously(client, tree, bylaws):
    CollectionViewRestriction.objects.create(
        collection=tree.local212.access.collection, restriction_type="login"
    )
    status, body = _download(client, bylaws)
    assert status == 302 and body != b"Article I"


def test_a_document_linked_only_from_a_restricted_page_follows_that_page(client, tree, bylaws):
    page = _link(
        tree.local212,
        bylaws,
        "members",
        {"restriction_type": PageViewRestriction.PASSWORD, "password": "solidarity"},
    )
    status, body = _download(client, bylaws)
    assert status == 403 and b"Article I" not in body
    # The page's password, once entered, opens its attachment too.
    restriction = PageViewRestriction.objects.get(page=page)
    client.post(
        reverse("wagtailcore_authenticate_with_password", args=[restriction.id, page.id]),
        {"password": "solidarity", "return_url": page.url},
    )
    assert _download(client, bylaws) == (200, b"Article I")


def test_a_document_also_linked_from_a_public_page_stays_public(client, tree, bylaws):
    _link(tree.local212, bylaws, "members", {"restriction_type": PageViewRestriction.LOGIN})
    assert _download(client, bylaws)[0] == 403
    _link(tree.local212, bylaws, "public")
    assert _download(client, bylaws) == (200, b"Article I")


def test_document_files_are_not_served_from_media(client, bylaws, settings):
    """Django's media serving (SERVE_MEDIA) would hand out the file without those checks."""
    assert settings.SERVE_MEDIA, "this test checks the URLconf built with SERVE_MEDIA on"
    assert client.get(f"/media/{bylaws.file.name}").status_code == 404
