"""Find your local: filters, search, shareable URLs, bad input, and a constant query count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from locals.models import LocalPage

from .factories import LocalPageFactory, bulk_locals


@pytest.fixture
def directory(tree):
    """Local 12 and 212 from the tree, plus a guild, a Canadian local and Local 2."""
    LocalPageFactory(
        parent=tree.index,
        number=45,
        kind="guild",
        title="OPEIU Guild 45",
        name="First National Guild of Medical Providers of the Lower Extremity",
    )
    LocalPageFactory(
        parent=tree.index, number=343, title="OPEIU Local 343", city="Toronto",
        state_province="ON", country="CA",
    )  # fmt: skip
    LocalPageFactory(
        parent=tree.index,
        number=2,
        title="OPEIU Local 2",
        city="Washington",
        state_province="DC",
        areas_served="District of Columbia\nMaryland\nVirginia",
    )
    return tree


def numbers(response):
    assert response.status_code == 200
    return [local.number for local in response.context["local_pages"]]


def test_lists_every_local_with_number_kind_name_city_and_state(client, directory):
    response = client.get("/locals/")
    assert numbers(response) == [2, 12, 45, 212, 343]
    html = response.content.decode()
    assert '<a href="/locals/local-12/">Local 12</a>' in html
    assert '<a href="/locals/guild-45/">Guild 45</a>' in html
    assert "First National Guild of Medical Providers of the Lower Extremity" in html
    assert "Roseville" in html and "Minnesota" in html and "Ontario" in html
    assert "5 locals and guilds." in html


@pytest.mark.parametrize(
    "query, expected",
    [
        ("12", [12]),
        ("Local 12", [12]),
        ("#212", [212]),
        ("Guild 45", [45]),
        ("Local 45", []),
        ("Duluth", [12]),
        ("duluth", [12]),
        ("Minnesota", [12]),
        ("MN", [12]),
        ("Roseville", [12]),
        ("Maryland", [2]),  # an area served, also the state name of no local's office
        ("Lower Extremity", [45]),
        ("Toronto", [343]),
        ("Nowhere at all", []),
    ],
)
def test_search_by_number_name_or_place(client, directory, query, expected):
    assert numbers(client.get("/locals/", {"q": query})) == expected


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"state": "NY"}, [212]),
        ({"state": "ON"}, [343]),
        ({"state": "TX"}, []),  # a real state with no local: an empty, valid listing
        ({"country": "CA"}, [343]),
        ({"country": "US"}, [2, 12, 45, 212]),
        ({"kind": "guild"}, [45]),
        ({"kind": "local", "country": "US", "q": "Buffalo"}, [212]),
        ({"q": "", "state": "", "country": "", "kind": ""}, [2, 12, 45, 212, 343]),
    ],
)
def test_filters_combine_in_a_shareable_url(client, directory, params, expected):
    assert numbers(client.get("/locals/", params)) == expected


def test_filter_form_keeps_choices_and_offers_states_in_use(client, directory):
    html = client.get("/locals/", {"q": "Duluth", "kind": "local"}).content.decode()
    assert 'value="Duluth"' in html
    assert '<option value="local" selected>' in html
    assert '<option value="MN">Minnesota</option>' in html
    assert '<option value="TX">' not in html  # no local there: not offered
    assert "1 local matches your search." in html
    assert 'href="/locals/">Show all locals</a>' in html


def test_empty_result_says_so_and_offers_a_way_out(client, directory):
    html = client.get("/locals/", {"q": "Atlantis"}).content.decode()
    assert "No local matches" in html
    assert "0 locals match your search." in html
    assert "<table" not in html


@pytest.mark.parametrize(
    "query_string",
    [
        "state=ZZ",
        "country=FR",
        "kind=union",
        "q=" + "x" * 101,
        "q=%00",
        "state=%ff%fe",
    ],
)
def test_bad_filter_values_are_not_found_never_an_error(client, directory, query_string):
    assert client.get(f"/locals/?{query_string}").status_code == 404


def test_unknown_parameters_are_ignored(client, directory):
    assert numbers(client.get("/locals/?page=abc&sort=%ff")) == [2, 12, 45, 212, 343]


def test_unpublished_locals_are_not_listed(client, directory):
    LocalPage.objects.get(number=212).unpublish()
    assert 212 not in numbers(client.get("/locals/"))


def _bulk_locals(index, count, start):
    """Many locals, quickly (see bulk_locals: these are not provisioned, which the directory
    does not depend on)."""
    bulk_locals(
        index,
        range(start, start + count),
        city="Springfield",
        state_province="IL",
        areas_served="Springfield\nPeoria",
        time_zone="America/Chicago",
    )


def _queries(client, url):
    client.get(url)  # warm the per-process caches (site root paths, content types)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


@pytest.mark.clock
@pytest.mark.parametrize("url", ["/locals/", "/locals/?q=Springfield&state=IL&kind=local"])
def test_directory_queries_do_not_grow_with_the_number_of_locals(client, tree, url):
    _bulk_locals(tree.index, 3, start=1000)  # 5 locals in all
    small, response = _queries(client, url)
    assert len(response.context["local_pages"]) in (3, 5)
    _bulk_locals(tree.index, 495, start=2000)  # 500 locals
    large, response = _queries(client, url)
    assert len(response.context["local_pages"]) in (498, 500)
    assert large == small
    assert small <= 12, small
    # The bulk-made locals are real pages in a sound tree.
    assert client.get("/locals/local-2000/").status_code == 200
    assert all(problem == [] for problem in Page.find_problems())


@pytest.mark.clock
def test_local_page_queries_do_not_grow_with_the_number_of_locals(client, tree):
    small, _ = _queries(client, "/locals/local-12/")
    _bulk_locals(tree.index, 100, start=3000)
    large, _ = _queries(client, "/locals/local-12/")
    assert large == small
