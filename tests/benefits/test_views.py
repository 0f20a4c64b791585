"""The benefit index, offer pages and the home page blocks, through real requests."""

import datetime as dt
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from benefits.models import BenefitDocument
from demo.helpers import ensure_pdf_document
from tests.benefits.factories import (
    BenefitCategoryFactory,
    BenefitIndexPageFactory,
    BenefitPageFactory,
    PromoFactory,
)

pytestmark = pytest.mark.clock  # reads today's date (tests/clock.py)

DAY = dt.timedelta(days=1)


def page_link(label, page):
    return json.dumps([{"type": "link", "value": {"label": label, "page": page.pk, "url": ""}}])


@pytest.fixture
def index(home):
    return BenefitIndexPageFactory(parent=home, intro="Deals for members.")


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_index_lists_open_offers_and_not_closed_ones(client, index):
    now = timezone.now()
    BenefitPageFactory(parent=index, title="Phone discount")
    BenefitPageFactory(parent=index, title="Legal plan", closes_at=now - DAY)
    BenefitPageFactory(parent=index, title="Travel deal", closes_at=now + 5 * DAY)
    BenefitPageFactory(parent=index, title="Next year", opens_at=now + 30 * DAY)
    page = html(client, "/benefits/")
    assert "Phone discount" in page and "Travel deal" in page
    assert "Legal plan" not in page
    # Open offers first (the one ending soon before the one without end), upcoming last.
    assert page.index("Travel deal") < page.index("Phone discount") < page.index("Next year")
    assert "Ends soon" in page and "Coming soon" in page


def test_an_offer_that_closed_a_moment_ago_has_left_the_list(client, index):
    offer = BenefitPageFactory(parent=index, title="Flash sale", closes_at=timezone.now() + DAY)
    assert "Flash sale" in html(client, "/benefits/")
    # Nobody edits or republishes the page: only time passes (its closing moment is now past).
    type(offer).objects.filter(pk=offer.pk).update(
        closes_at=timezone.now() - dt.timedelta(seconds=1)
    )
    assert "Flash sale" not in html(client, "/benefits/")
    archive = html(client, "/benefits/?show=closed")
    assert "Flash sale" in archive and "Closed" in archive


def test_archive_keeps_closed_offers_marked_closed(client, index):
    BenefitPageFactory(
        parent=index,
        title="MetLife Legal Plans",
        closes_at=dt.datetime(2022, 5, 3, 3, 59, tzinfo=dt.UTC),
    )
    BenefitPageFactory(parent=index, title="Still open")
    page = html(client, "/benefits/?show=closed")
    assert "MetLife Legal Plans" in page and "Still open" not in page
    assert '<span class="badge badge--danger">Closed</span>' in page
    assert 'datetime="2022-05-02T23:59:00-04:00"' in page


def test_filter_by_category(client, index):
    legal = BenefitCategoryFactory(name="Legal", slug="legal")
    travel = BenefitCategoryFactory(name="Travel", slug="travel")
    BenefitPageFactory(parent=index, title="Lawyer plan", category=legal)
    BenefitPageFactory(parent=index, title="Hotel deal", category=travel)
    page = html(client, "/benefits/?category=legal")
    assert "Lawyer plan" in page and "Hotel deal" not in page
    assert 'href="/benefits/?category=legal" aria-current="true"' in page


@pytest.mark.parametrize(
    "query",
    ["?category=nope", "?category=" + "x" * 500, "?show=everything", "?category=%00", "?show=%00"],
)
def test_unknown_filters_are_404_not_500(client, index, query):
    response = client.get("/benefits/" + query)
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.parametrize("page_number", ["abc", "0", "-1", "2", "99999", "1e9", "%00", "9" * 5000])
def test_bad_page_numbers_are_404_not_another_page(client, index, page_number):
    BenefitPageFactory(parent=index, title="Only offer")
    response = client.get(f"/benefits/?page={page_number}")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_empty_values_are_no_filter_and_the_first_page(client, index):
    BenefitPageFactory(parent=index, title="Only offer")
    page = html(client, "/benefits/?show=&category=&page=")
    assert "Only offer" in page
    assert 'href="/benefits/" aria-current="page">Current offers' in page


def test_offer_page_shows_facts_documents_with_type_and_size(client, index):
    legal = BenefitCategoryFactory(name="Legal", slug="legal")
    offer = BenefitPageFactory(
        parent=index,
        slug="legal-plan",
        title="Legal plan",
        provider="MetLife Legal Plans",
        category=legal,
        price="$19.95 per month",
        terms="New customers only.",
        enrol_phone="(800) 555-0100",
        enrol_url="https://example.org/enrol",
    )
    pdf = ensure_pdf_document("Plan summary", "plan-summary.pdf", ["Line one"])
    BenefitDocument.objects.create(page=offer, document=pdf, label="Plan summary (PDF)")
    offer.save_revision().publish()
    page = html(client, "/benefits/legal-plan/")
    assert "$19.95 per month" in page and "New customers only." in page
    assert 'href="https://example.org/enrol"' in page and 'href="tel:8005550100"' in page
    assert f'href="{pdf.url}" download>Plan summary (PDF)</a>' in page
    assert f"(PDF, {pdf.file_size}\xa0bytes)" in page
    assert 'href="/benefits/?category=legal"' in page


def test_closed_offer_page_says_so_and_hides_enrolment(client, index):
    BenefitPageFactory(
        parent=index,
        slug="old",
        title="Old offer",
        closes_at=timezone.now() - DAY,
        enrol_url="https://example.org/enrol",
    )
    page = html(client, "/benefits/old/")
    assert "This offer has closed" in page
    assert "https://example.org/enrol" not in page


def test_home_page_shows_active_promos_and_quick_benefits(client, index):
    now = timezone.now()
    PromoFactory(
        title="Download the OPEIU app",
        links='[{"type": "link", "value": '
        '{"label": "App Store", "page": null, "url": "https://apps.apple.com/"}}]',
    )
    PromoFactory(title="Election 2024", starts_at=now - 800 * DAY, ends_at=now - 750 * DAY)
    PromoFactory(title="Future drive", starts_at=now + DAY)
    BenefitPageFactory(parent=index, title="Phone discount")
    BenefitPageFactory(parent=index, title="Closed plan", closes_at=now - DAY)
    page = html(client, "/")
    assert "Download the OPEIU app" in page
    assert 'href="https://apps.apple.com/">App Store</a>' in page
    assert "Election 2024" not in page and "Future drive" not in page
    assert "Quick benefits" in page and "Phone discount" in page
    assert "Closed plan" not in page
    assert 'href="/benefits/">All member benefits</a>' in page


def test_promo_links_to_pages_resolve(client, index):
    PromoFactory(
        title="See the benefits",
        links=page_link("Benefits", index),
    )
    assert 'href="/benefits/">Benefits</a>' in html(client, "/")


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _more_content(index, n, start):
    category = BenefitCategoryFactory(name="Health", slug="health")
    now = timezone.now()
    for i in range(start, start + n):
        BenefitPageFactory(parent=index, title=f"Offer {i}", category=category)
        BenefitPageFactory(parent=index, title=f"Closed {i}", closes_at=now - DAY)
        PromoFactory(
            title=f"Promo {i}",
            links=page_link("Go", index),
        )


@pytest.mark.parametrize("url", ["/", "/benefits/", "/benefits/?show=closed&category=health"])
def test_constant_queries_with_more_offers_and_promos(client, index, url):
    _more_content(index, 2, 0)
    client.get(url)  # warm the site-root cache, as on a running site
    few = _count_queries(client, url)
    _more_content(index, 15, 100)
    many = _count_queries(client, url)
    assert few == many, f"{url}: {few} queries with few items, {many} with many"
    assert many <= 20
