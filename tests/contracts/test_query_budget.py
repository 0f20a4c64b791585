"""Listing and search pages run the same number of queries for 10 or 1,000 contracts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contracts.models import ContractPage, EmployerPage
from tests.bulk import bulk_pages

pytestmark = pytest.mark.django_db

# Per response, the site's chrome included: Wagtail's routing (a query per level of the URL),
# privacy checks, breadcrumbs, menu and settings cost ~15; the contracts part is 3 to 6.
BUDGET = 24


def _count(client, url):
    # The first request of a process fills Django's content-type cache (one query, once):
    # warm it so that the count depends on the page, not on which test ran before.
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _add_contracts(employer, count, start, unit_id=None):
    rows = [
        {
            "title": f"Contract {n}",
            "slug": f"bulk-contract-{n}",
            "status": "in_force",
            "unit_id": unit_id,
        }
        for n in range(start, start + count)
    ]
    bulk_pages(employer, ContractPage, rows, published=None)


@pytest.mark.clock
def test_listing_and_search_cost_the_same_with_10_or_1000_contracts(client, contracts_tree):
    index = contracts_tree.index.url
    urls = [
        index,
        index + "?status=in_force&expiring=90",
        index + "?q=overtime",
        index + "stewards/?employer=healthpartners",
        index + "stewards/?q=clinic",
    ]
    employer = contracts_tree.employer
    _add_contracts(employer, 9, 0, employer.units.first().pk)
    small = [_count(client, url) for url in urls]
    # 990 more contracts, under 19 more employers (the listing's first page shows several).
    employers = bulk_pages(
        contracts_tree.index,
        EmployerPage,
        [{"title": f"Employer {n}", "slug": f"employer-{n}"} for n in range(19)],
        published=None,
    )
    for number, (other, count) in enumerate(zip(employers, [52] * 18 + [54], strict=True)):
        _add_contracts(other, count, 100 * (number + 1))
    assert ContractPage.objects.count() == 1000
    large = [_count(client, url) for url in urls]
    assert small == large
    assert max(large) <= BUDGET, large
