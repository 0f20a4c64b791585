"""Restricted minutes stay out of every public listing, search and the sitemap, and their
file is refused without a login; a steward's private contact leaks nowhere."""

import re

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Page, PageViewRestriction

from tests.locals.helpers import login_as_local_editor

from .conftest import PRIVATE_EMAIL, PRIVATE_PHONE, PUBLIC_PHONE
from .factories import (
    DocumentLibraryPageFactory,
    LibraryDocumentPageFactory,
    make_pdf,
    publish,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def restricted_minutes(contracts_tree, django_capture_on_commit_callbacks):
    local = contracts_tree.tree.local12
    public = publish(DocumentLibraryPageFactory(parent=local))
    members = publish(DocumentLibraryPageFactory(parent=local, title="Members only", slug="mo"))
    PageViewRestriction.objects.create(page=members, restriction_type="login")
    collection = local.access.collection
    with django_capture_on_commit_callbacks(execute=True):
        open_pdf = make_pdf("Open minutes", [["Minutes", "Budget approved."]], collection)
        closed_pdf = make_pdf("Closed minutes", [["Minutes", "Zanzibar grievance."]], collection)
        publish(LibraryDocumentPageFactory(parent=public, title="Open minutes", document=open_pdf))
        closed = publish(
            LibraryDocumentPageFactory(parent=members, title="Closed minutes", document=closed_pdf)
        )
    closed_pdf.refresh_from_db()
    return {"public": public, "members": members, "closed": closed, "closed_pdf": closed_pdf}


@pytest.mark.clock
def test_restricted_minutes_are_in_no_listing_search_or_sitemap(client, restricted_minutes):
    listing = client.get(restricted_minutes["public"].url).content.decode()
    assert "Open minutes" in listing and "Closed minutes" not in listing
    assert client.get(restricted_minutes["members"].url).status_code == 302
    search = client.get("/search/", {"q": "zanzibar"}).content.decode()
    assert "Closed minutes" not in search
    assert "Closed minutes" not in client.get("/search/", {"q": "minutes"}).content.decode()
    sitemap = client.get("/sitemap.xml").content.decode()
    assert restricted_minutes["closed"].url_path.split("/")[-2] not in sitemap
    assert "/mo/" not in sitemap


@pytest.mark.clock
def test_a_restricted_file_is_for_the_locals_members(client, restricted_minutes):
    """ "Private" minutes of Local 12 are for Local 12's members (and staff), not for any
    account: another local's staff and a plain account are refused."""
    pdf = restricted_minutes["closed_pdf"]
    assert pdf.collection.get_view_restrictions(), "the file moved to a restricted collection"
    assert client.get(pdf.url).status_code == 302  # to the login page
    anyone = get_user_model().objects.create_user("anyone", password="a-long-password-1")
    client.force_login(anyone)
    assert client.get(pdf.url).status_code == 403
    login_as_local_editor(client, 212)
    assert client.get(pdf.url).status_code == 403
    member = get_user_model().objects.create_user("member", password="a-long-password-1")
    member.groups.add(restricted_minutes["members"].get_parent().specific.access.members)
    client.force_login(member)
    response = client.get(pdf.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def _every_public_url(client):
    pages = Page.objects.live().public().specific()
    urls = [page.url for page in pages if page.url]
    urls += ["/search/?q=steward", "/search/?q=luis", "/sitemap.xml"]
    return urls


@pytest.mark.clock
def test_a_private_steward_contact_leaks_nowhere(client, contracts_tree):
    index = contracts_tree.index.url
    urls = _every_public_url(client) + [
        f"{index}stewards/?employer=healthpartners",
        f"{index}stewards/?q=como",
        f"{index}stewards/?q=call+center",
        f"{index}?q=healthpartners",
    ]
    finder = client.get(f"{index}stewards/?employer=healthpartners").content.decode()
    assert "Luis Private" in finder and PUBLIC_PHONE in finder  # the public contact shows
    for url in urls:
        body = client.get(url).content.decode()
        assert PRIVATE_PHONE not in body, url
        assert PRIVATE_EMAIL not in body, url
        for data in re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', body):
            assert PRIVATE_PHONE not in data
