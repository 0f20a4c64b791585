"""What a document in a local's collection means for visitors: its audience is its
collection's (public, the local's members, the local's staff), never inferred from the pages
linking it; a file placed on a members-only page of its owner becomes members-only; and no URL
serves the file around that check (docs/admin-isolation.md)."""

import pytest
import wagtail_factories
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import CollectionViewRestriction, PageViewRestriction

from opeiu_site.home.models import StandardPage

from .helpers import login_as_local_editor


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


def test_a_file_placed_on_a_members_page_is_for_the_locals_members(client, tree, bylaws):
    """The file moves into Local 212's members-only collection when the page naming it is
    restricted: anonymous visitors are sent to log in, another local's staff and a plain
    account are refused, Local 212's members and staff may open it."""
    _link(tree.local212, bylaws, "members", {"restriction_type": PageViewRestriction.LOGIN})
    bylaws.refresh_from_db()
    assert bylaws.collection.name == "Local 212: members only"
    status, body = _download(client, bylaws)
    assert status == 302 and b"Article I" not in body
    login_as_local_editor(client, 12)
    assert _download(client, bylaws)[0] == 403
    client.force_login(get_user_model().objects.create_user("anyone"))
    assert _download(client, bylaws)[0] == 403
    member = get_user_model().objects.create_user("member212")
    member.groups.add(tree.local212.access.members)
    client.force_login(member)
    assert _download(client, bylaws) == (200, b"Article I")
    login_as_local_editor(client, 212)
    assert _download(client, bylaws) == (200, b"Article I")


def test_a_public_page_linking_a_members_file_does_not_open_it(client, tree, bylaws):
    """Its audience is the file's: no page linking it makes it public (it was inferred from
    the linking pages before)."""
    _link(tree.local212, bylaws, "members", {"restriction_type": PageViewRestriction.LOGIN})
    _link(tree.local212, bylaws, "public")
    assert _download(client, bylaws)[0] == 302


def test_another_sections_restricted_page_moves_no_file(tree, bylaws):
    """Only a file's owner's pages change its audience: Local 12's members page naming
    Local 212's public file (as the demo loader or a superuser could) leaves it where it is."""
    collection = bylaws.collection
    _link(tree.local12, bylaws, "members12", {"restriction_type": PageViewRestriction.LOGIN})
    bylaws.refresh_from_db()
    assert bylaws.collection == collection


def test_document_files_are_not_served_from_media(client, bylaws, settings):
    """Django's media serving (SERVE_MEDIA) would hand out the file without those checks."""
    assert settings.SERVE_MEDIA, "this test checks the URLconf built with SERVE_MEDIA on"
    assert client.get(f"/media/{bylaws.file.name}").status_code == 404


def test_a_file_chosen_in_a_members_only_place_is_members_only_once_the_draft_is_saved(
    client, tree, bylaws
):
    """Before publishing (and if the page is never published or is rejected): Local 212's
    editor saves a draft under a members-only page, naming a public file of Local 212."""
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    members = _link(tree.local212, bylaws, "members-area")
    PageViewRestriction.objects.create(page=members, restriction_type="login")
    own = wagtail_factories.DocumentFactory(
        title="Closed minutes",
        collection=tree.local212.access.collection,
        file__filename="closed.txt",
        file__data=b"Closed session",
    )
    assert _download(client, own) == (200, b"Closed session")
    login_as_local_editor(client, 212)
    data = nested_form_data(
        {
            "title": "Closed session",
            "slug": "closed",
            "body": streamfield([("document", {"document": own.pk, "label": ""})]),
            "comments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0},
        }
    )
    url = reverse("wagtailadmin_pages:add", args=["home", "standardpage", members.pk])
    assert client.post(url, data).status_code == 302  # a draft, not published
    page = StandardPage.objects.get(slug="closed")
    assert not page.live
    own.refresh_from_db()
    assert own.collection.name == "Local 212: members only"
    client.logout()
    assert _download(client, own)[0] == 302
