"""With the page cache on, a new contract, library document or bargaining news post shows on
the cached pages that list it at the next request (issue 23: each stayed a HIT without it
until the cache's lifetime ran out), and leaves another local's contracts pages cached."""

import datetime as dt

import pytest
from django.test import override_settings

from opeiu_site.ops import page_cache
from tests.conftest import make_home
from tests.db import kept_data
from tests.locals.helpers import build_locals_tree
from tests.news.factories import NewsIndexPageFactory, NewsPageFactory

from .factories import (
    ContractIndexPageFactory,
    ContractPageFactory,
    DocumentLibraryPageFactory,
    LibraryDocumentPageFactory,
    add_employer,
    make_pdf,
    publish,
)

pytestmark = pytest.mark.clock  # the contract page words its dates from today (tests/clock.py)


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once for the module (tests/db.py); each test's own publishes are rolled back."""
    media = tmp_path_factory.mktemp("media")
    with override_settings(MEDIA_ROOT=str(media)), kept_data(django_db_blocker):
        with django_db_blocker.unblock():
            pages = _build(make_home())
        yield pages, media


@pytest.fixture
def pages(built, db, page_cache_on, settings):
    pages, settings.MEDIA_ROOT = built
    return pages


def _build(home):
    tree = build_locals_tree(home)
    index = publish(ContractIndexPageFactory(parent=tree.local12))
    employer = add_employer(index, "HealthPartners", news_tag="healthpartners")
    contract = publish(
        ContractPageFactory(parent=employer, title="HealthPartners contract 2025–2028")
    )
    library = publish(DocumentLibraryPageFactory(parent=tree.local12))
    pdf = make_pdf("Bylaws", collection=tree.local12.access.collection)
    publish(LibraryDocumentPageFactory(parent=library, title="Old bylaws", document=pdf))
    news = publish(NewsIndexPageFactory(parent=tree.local12))
    # Local 212's contracts: none of the publishes above or below may purge them.
    index212 = publish(ContractIndexPageFactory(parent=tree.local212))
    library212 = publish(DocumentLibraryPageFactory(parent=tree.local212))
    return {
        "index": index,
        "employer": employer,
        "contract": contract,
        "library": library,
        "pdf": pdf,
        "news": news,
        "elsewhere": (index212.url, library212.url),
    }


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get(page_cache.HIT_HEADER), response.content.decode()


def warm(client, *urls):
    for url in urls:
        fetch(client, url)
        assert fetch(client, url)[0] == "HIT", url


def assert_shows(client, url, text):
    hit, html = fetch(client, url)
    assert hit == "MISS", f"{url} is still the cached copy"
    assert text in html, f"{url} does not show {text!r}"


def assert_still_cached(client, urls):
    for url in urls:
        assert fetch(client, url)[0] == "HIT", f"{url} was purged"


def test_a_new_contract_shows_on_the_cached_contracts_index(client, pages):
    index_url = pages["index"].url
    warm(client, index_url, *pages["elsewhere"])

    publish(ContractPageFactory(parent=pages["employer"], title="Tentative agreement 2028"))

    assert_shows(client, index_url, "Tentative agreement 2028")
    assert_still_cached(client, pages["elsewhere"])


def test_a_new_library_document_shows_on_the_cached_library(client, pages):
    library_url = pages["library"].url
    warm(client, library_url, *pages["elsewhere"])

    publish(
        LibraryDocumentPageFactory(
            parent=pages["library"], title="Minutes of the March meeting", document=pages["pdf"]
        )
    )

    assert_shows(client, library_url, "Minutes of the March meeting")
    assert_still_cached(client, pages["elsewhere"])


def test_a_bargaining_news_post_shows_on_the_cached_contract(client, pages):
    contract_url = pages["contract"].url
    warm(client, contract_url, *pages["elsewhere"])

    post = NewsPageFactory(
        parent=pages["news"], title="Bargaining update: HealthPartners", date=dt.date(2030, 1, 1)
    )
    post.tags.add("healthpartners")
    publish(post)

    assert_shows(client, contract_url, "Bargaining update: HealthPartners")
    assert_still_cached(client, pages["elsewhere"])


def test_an_unpublished_contract_leaves_the_cached_contracts_index(client, pages):
    index_url = pages["index"].url
    warm(client, index_url)
    assert pages["contract"].title in fetch(client, index_url)[1]

    pages["contract"].unpublish()

    hit, html = fetch(client, index_url)
    assert hit == "MISS"
    assert pages["contract"].title not in html
