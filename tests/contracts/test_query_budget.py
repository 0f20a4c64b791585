"""Listing and search pages run the same number of queries for 10 or 1,000 contracts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.bulk import bulk_pages
from contracts.models import ContractPage

pytestmark = pytest.mark.django_db

BUDGET = 25  # the site chrome (menu, settings) included; the contracts part is ~6


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _add_contracts(employer, count, start):
    rows = [
        {
            "title": f"Contract {n}",
            "slug": f"bulk-contract-{n}",
            "status": "in_force",
            "unit_id": employer.units.first().pk,
        }
        for n in range(start, start + count)
    ]
    bulk_pages(employer, ContractPage, rows, published=None)


def test_listing_and_search_cost_the_same_with_10_or_1000_contracts(client, contracts_tree):
    urls = [
        contracts_tree.index.url,
        contracts_tree.index.url + "?status=in_force&expiring=90",
        contracts_tree.index.url + "?q=overtime",
        contracts_tree.index.url + "stewards/?employer=healthpartners",
    ]
    _add_contracts(contracts_tree.employer, 9, 0)
    small = [_count(client, url) for url in urls]
    _add_contracts(contracts_tree.employer, 991, 9)
    large = [_count(client, url) for url in urls]
    assert small == large
    assert max(large) <= BUDGET, large
