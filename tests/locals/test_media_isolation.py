"""A local's images and documents live in its own collection: its staff see and choose only
those, and every view of another local's files is refused."""

import io

import pytest
import wagtail_factories
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import UploadedFile

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
    """The collection field offers Local 12's own collections (public, members only, staff
    only: the file's audience is chosen where it is uploaded); a hand-made upload naming
    Local 212's collection is a form error and lands nowhere."""
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
        assert response.status_code == 200
        offered = set(response.context["form"].fields["collection"].queryset)
        own = tree.local12.access.collection
        assert offered == {own, *own.get_children()}
        assert {c.name for c in own.get_children()} == {
            "Local 12: members only",
            "Local 12: staff only",
        }
        assert not model.objects.filter(title="Planted").exists()


def test_own_files_can_be_edited(client, tree, media):
    login_as_local_editor(client, 12)
    own_image = media["own_image"]
    assert client.get(reverse("wagtailimages:edit", args=[own_image.pk])).status_code == 200
    own_document = media["own_document"]
    assert client.get(reverse("wagtaildocs:edit", args=[own_document.pk])).status_code == 200


@pytest.mark.parametrize("app", ["wagtaildocs", "wagtailimages"])
def test_completing_an_upload_into_another_locals_collection_is_refused(client, tree, app):
    """The multiple uploader keeps a file it cannot save yet as an "upload" and completes it
    with a second form: naming Local 212's collection in either step is a form error (it
    was a 500): refused, and nothing lands in Local 212's collection."""
    login_as_local_editor(client, 12)
    other = tree.local212.access.collection
    model = get_document_model() if app == "wagtaildocs" else get_image_model()
    name, data = ("minutes.txt", b"minutes") if app == "wagtaildocs" else ("p.png", _png_bytes())
    response = client.post(
        reverse(f"{app}:add_multiple"),
        {"collection": other.pk, "files[]": SimpleUploadedFile(name, data)},
    )
    assert response.status_code == 400
    # An upload of Local 12's own (kept when its own form is incomplete) cannot be completed
    # into Local 212's collection either.
    upload = UploadedFile.objects.create(
        for_content_type=ContentType.objects.get_for_model(model),
        file=SimpleUploadedFile(name, data),
        uploaded_by_user=get_user_model().objects.get(username="local12-editor"),
    )
    prefix = "uploaded-document" if app == "wagtaildocs" else "uploaded-image"
    url_name = "create_multiple_from_uploaded_document"
    if app == "wagtailimages":
        url_name = "create_multiple_from_uploaded_image"
    response = client.post(
        reverse(f"{app}:{url_name}", args=[upload.pk]),
        {
            f"{prefix}-{upload.pk}-title": "Planted",
            f"{prefix}-{upload.pk}-collection": other.pk,
        },
    )
    assert response.status_code == 400
    assert not model.objects.filter(collection=other).exists()
