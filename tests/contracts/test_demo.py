"""The issue's "done means", on the demo site: two clicks from Local 12 to the HealthPartners
contract, "overtime" found inside it with its page, HealthPartners' stewards found, and no
restricted minutes or private steward phone anywhere; Local 212's editor locked out."""

import io
import re

import pytest
from django.core.management import call_command
from wagtail.models import Page

from contracts.models import ContractPage
from demo.contracts import PRIVATE_DEMO_PHONES
from tests.locals.helpers import login_as_local_editor

pytestmark = pytest.mark.clock  # reads today's date (tests/clock.py)


def _links(html):
    return re.findall(r'href="(/[^"#?]*)"', html)


def test_demo_done_means(db, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=io.StringIO())
    contract = ContractPage.objects.get(url_path__endswith="/healthpartners/contract/")

    # Two clicks: the local's page links the contracts, which link the contract.
    local_html = client.get("/locals/local-12/").content.decode()
    contracts_url = "/locals/local-12/contracts/"
    assert contracts_url in _links(local_html)
    assert contract.url in _links(client.get(contracts_url).content.decode())
    page = client.get(contract.url).content.decode()
    assert "Being bargained</span>" in page and "the contract ended" in page.lower()

    # "overtime" inside the contract, from the site search, with its page number.
    search = client.get("/search/", {"q": "overtime"}).content.decode()
    assert contract.title in search
    assert re.search(rf'{re.escape(contract.document.url)}#page=\d+">Page \d+ of the PDF', search)

    # Find my steward: HealthPartners' two stewards and the office.
    finder = client.get(f"{contracts_url}stewards/", {"employer": "healthpartners"})
    text = finder.content.decode()
    assert "Dana Okafor (demo)" in text and "Luis Brandt (demo)" in text
    assert "2277 Highway 36 W" in text

    # Nothing restricted or private anywhere public.
    closed = Page.objects.get(slug__startswith="executive-board-closed-session-")
    urls = [p.url for p in Page.objects.live().public().specific() if p.url]
    urls += ["/search/?q=minutes", "/search/?q=steward", "/search/?q=luis", "/sitemap.xml"]
    urls += ["/news/rss/", "/locals/local-12/news/rss/", "/locals/local-12/events/calendar.ics"]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert closed.title not in body, url
        for phone in PRIVATE_DEMO_PHONES:
            assert phone not in body, url

    # Local 212's editor cannot edit Local 12's contracts.
    login_as_local_editor(client, 212)
    assert client.get(f"/admin/pages/{contract.pk}/edit/").status_code in (302, 403)
