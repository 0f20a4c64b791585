"""A local's images and documents live in its own collection: its staff see and choose only
those, and every view of another local's files is refused."""

import io

import pytest
import wagtail_factories
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from .helpers import login_as_local_editor


@pytest.fixture
def media(tree):
    def collection(local):
        return local.access.collection

    return {
        "own_image": wagtail_factories.ImageFactory(
            title="Local 12 picnic photo", collection=collection(tree.local12)
        ),
        "other_image": wagtail_factories.ImageFactory(
            title="Local 212 rally photo", collection=collection(tree.local212)
        ),
        "own_document": wagtail_factories.DocumentFactory(
            title="Local 12 bylaws", collection=collection(tree.local12)
        ),
        "other_document": wagtail_factories.DocumentFactory(
            title="Local 212 contract", collection=collection(tree.local212)
        ),
    }


def _assert_refused(response):
    if response.status_code == 302:
        assert response.url == reverse("wagtailadmin_home")
    else:
        assert response.status_code in (403, 404)


@pytest.mark.parametrize(
    "listing",
    [
        "wagtailimages:index",
        "wagtailimages:index_results",
        "wagtailimages_chooser:choose",
        "wagtailimages_chooser:choose_results",
    ],
)
def test_image_listings_and_chooser_show_only_own_collection(client, tree, media, listing):
    login_as_local_editor(client, 12)
    html = client.get(reverse(listing)).content.decode()
    assert "Local 12 picnic photo" in html
    assert "Local 212 rally photo" not in html


@pytest.mark.parametrize(
    "listing",
    [
        "wagtaildocs:index",
        "wagtaildocs:index_results",
        "wagtaildocs_chooser:choose",
        "wagtaildocs_chooser:choose_results",
    ],
)
def test_document_listings_and_chooser_show_only_own_collection(client, tree, media, listing):
    login_as_local_editor(client, 12)
    html = client.get(reverse(listing)).content.decode()
    assert "Local 12 bylaws" in html
    assert "Local 212 contract" not in html


def test_other_locals_image_views_are_refused(client, tree, media):
    login_as_local_editor(client, 12)
    image = media["other_image"]
    for name in ("wagtailimages:edit", "wagtailimages:delete"):
        _assert_refused(client.get(reverse(name, args=[image.pk])))
    _assert_refused(
        client.post(reverse("wagtailimages:edit", args=[image.pk]), {"title": "Taken over"})
    )
    _assert_refused(client.post(reverse("wagtailimages:delete", args=[image.pk])))
    _assert_refused(client.get(reverse("wagtailimages_chooser:chosen", args=[image.pk])))
    image.refresh_from_db()
    assert image.title == "Local 212 rally photo"
    assert get_image_model().objects.filter(pk=image.pk).exists()


def test_other_locals_document_views_are_refused(client, tree, media):
    login_as_local_editor(client, 12)
    document = media["other_document"]
    for name in ("wagtaildocs:edit", "wagtaildocs:delete"):
        _assert_refused(client.get(reverse(name, args=[document.pk])))
    _assert_refused(
        client.post(reverse("wagtaildocs:edit", args=[document.pk]), {"title": "Taken over"})
    )
    _assert_refused(client.post(reverse("wagtaildocs:delete", args=[document.pk])))
    _assert_refused(client.get(reverse("wagtaildocs_chooser:chosen", args=[document.pk])))
    document.refresh_from_db()
    assert document.title == "Local 212 contract"
    assert get_document_model().objects.filter(pk=document.pk).exists()


def _png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (11, 58, 110)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_uploads_land_only_in_own_collection(client, tree, media):
    """With one collection to add to, Wagtail drops the collection field: a hand-made upload
    naming Local 212's collection still lands in Local 12's."""
    login_as_local_editor(client, 12)
    other_collection = tree.local212.access.collection
    for url, model, upload in (
        (reverse("wagtaildocs:add"), get_document_model(), ("minutes.txt", b"minutes")),
        (
            reverse("wagtailimages:add"),
            get_image_model(),
            ("photo.png", _png_bytes()),
        ),
    ):
        response = client.post(
            url,
            {
                "title": "Planted",
                "collection": other_collection.pk,
                "file": SimpleUploadedFile(*upload),
            },
        )
        assert response.status_code == 302
        planted = model.objects.get(title="Planted")
        assert planted.collection == tree.local12.access.collection
        assert not model.objects.filter(collection=other_collection, title="Planted").exists()


def test_own_files_can_be_edited(client, tree, media):
    login_as_local_editor(client, 12)
    own_image = media["own_image"]
    assert client.get(reverse("wagtailimages:edit", args=[own_image.pk])).status_code == 200
    own_document = media["own_document"]
    assert client.get(reverse("wagtaildocs:edit", args=[own_document.pk])).status_code == 200
