"""A members-only file's text reaches no anonymous visitor, whatever page shows it; and another
local's file cannot be put on a page by ID (issue 22: a local's moderator published a library
document naming Local 212's members-only PDF, whose text then showed in public search).

One tree per test serves every request of it: Local 12's contracts (a public contract and one
whose PDF is members-only), a public library with a members-only and a public file, a news
index with its feeds; the members-only PDFs say "quillwort", the public one "bladderwort".
"""

import pytest
from django.urls import reverse
from wagtail.models import Page

from contracts.models import LibraryDocumentPage
from locals.audience import Audience, audience_collection
from tests.locals.helpers import login_as_local_moderator
from tests.news.factories import NewsIndexPageFactory

from .factories import (
    ContractPageFactory,
    DocumentLibraryPageFactory,
    LibraryDocumentPageFactory,
    make_pdf,
    publish,
)

pytestmark = pytest.mark.django_db

SECRET, OPEN = "quillwort", "bladderwort"


def _pages(word):
    return [["ARTICLE 7. SECRETS", f"The {word} clause, for members only."]]


@pytest.fixture
def members_files(contracts_tree, django_capture_on_commit_callbacks):
    tree = contracts_tree.tree
    members12 = audience_collection(tree.local12.access, Audience.MEMBERS)
    members212 = audience_collection(tree.local212.access, Audience.MEMBERS)
    library = publish(DocumentLibraryPageFactory(parent=tree.local12))
    news = publish(NewsIndexPageFactory(parent=tree.local12, slug="news"))
    with django_capture_on_commit_callbacks(execute=True):
        secret = make_pdf("Side letter", _pages(SECRET), members12)
        open_file = make_pdf("Open letter", _pages(OPEN), tree.local12.access.collection)
        foreign = make_pdf("Local 212 minutes", _pages("zephyrine"), members212)
        publish(
            ContractPageFactory(
                parent=contracts_tree.employer,
                title="Side letter 2025",
                slug="side-letter",
                unit=contracts_tree.employer.units.first(),
                document=secret,
            )
        )
        publish(LibraryDocumentPageFactory(parent=library, title="Board minutes", document=secret))
        publish(LibraryDocumentPageFactory(parent=library, title="Letter", document=open_file))
    return {
        "tree": tree,
        "library": library,
        "news": news,
        "index": contracts_tree.index,
        "secret": secret,
        "foreign": foreign,
    }


def _anonymous_urls(files):
    """Every public page of Local 12 (where the file is shown), the home page, the searches,
    the sitemap and the feeds."""
    local = files["tree"].local12
    pages = Page.objects.live().public().descendant_of(local, inclusive=True)
    urls = ["/", *(page.url for page in pages if page.url)]
    index, news = files["index"].url, files["news"].url
    urls += [f"{index}?q={SECRET}", f"{index}?q=secrets", f"/search/?q={SECRET}"]
    urls += ["/search/?q=secrets", "/search/?q=clause", "/sitemap.xml"]
    urls += [f"{news}rss/", f"{news}atom/"]
    return urls


@pytest.mark.clock
def test_a_members_only_files_words_reach_no_anonymous_request(client, members_files):
    """Its text is in no page, feed, sitemap or search (a search for its word finds neither
    page showing it: the public pages showing a members-only file are not found by its
    words)."""
    for url in _anonymous_urls(members_files):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode().lower()
        assert f"the {SECRET} clause" not in body, url
        if SECRET in url:
            assert "side letter 2025" not in body and "board minutes" not in body, url
    # The public file's words are found, with an excerpt: search reads files' text.
    assert "The bladderwort clause" in client.get(f"/search/?q={OPEN}").content.decode()
    # The file itself answers the members only.
    assert client.get(members_files["secret"].url).status_code == 302


@pytest.mark.clock
def test_a_moderator_cannot_publish_another_locals_file(client, members_files):
    """Local 12's moderator POSTs a library document naming Local 212's members-only PDF, with
    "publish": a form error on the file; nothing saved, the file not moved, its text in no
    search."""
    library, foreign = members_files["library"], members_files["foreign"]
    collection = foreign.collection
    login_as_local_moderator(client, 12)
    pages_before = Page.objects.count()
    response = client.post(
        reverse(
            "wagtailadmin_pages:add",
            args=["contracts", "librarydocumentpage", library.pk],
        ),
        {
            "title": "Borrowed minutes",
            "slug": "borrowed",
            "kind": "minutes",
            "date": "2026-01-05",
            "document": foreign.pk,
            "comments-TOTAL_FORMS": "0",
            "comments-INITIAL_FORMS": "0",
            "action-publish": "publish",
        },
    )
    assert response.status_code == 200
    assert "Choose a file of your own local" in response.content.decode()
    assert Page.objects.count() == pages_before
    assert not LibraryDocumentPage.objects.filter(document=foreign).exists()
    foreign.refresh_from_db()
    assert foreign.collection == collection
    client.logout()
    assert "the zephyrine clause" not in client.get("/search/?q=zephyrine").content.decode().lower()


@pytest.mark.clock
def test_a_preview_naming_another_locals_file_is_refused(client, members_files):
    """Cycling IDs through draft previews named every document of the install: a preview
    whose form names another local's file is not valid, so nothing of it is rendered."""
    library, foreign = members_files["library"], members_files["foreign"]
    login_as_local_moderator(client, 12)
    url = reverse(
        "wagtailadmin_pages:preview_on_add", args=["contracts", "librarydocumentpage", library.pk]
    )
    data = {
        "title": "Peek",
        "slug": "peek",
        "kind": "minutes",
        "date": "2026-01-05",
        "document": foreign.pk,
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
    }
    assert client.post(url, data).json()["is_valid"] is False
    assert "Local 212 minutes" not in client.get(url).content.decode()
    data["document"] = members_files["secret"].pk  # Local 12's own members-only file
    assert client.post(url, data).json()["is_valid"] is True
