"""core.sections: whose page is this, at any depth, and at what query cost."""

import pytest
from django.test import RequestFactory

from locals.models import LocalPage
from news.models import NewsIndexPage
from opeiu_site.core import page_tree
from opeiu_site.core.sections import (
    international,
    is_local_section_class,
    parent_path,
    section_of,
    section_roots,
)
from opeiu_site.home.models import HomePage
from tests.factories import StandardPageFactory
from tests.locals.factories import LocalIndexPageFactory, LocalPageFactory


@pytest.fixture
def tree(home):
    directory = LocalIndexPageFactory(parent=home)
    local = LocalPageFactory(parent=directory, number=12, slug="local-12")
    about = StandardPageFactory(parent=local, slug="about", title="About")
    deeper = StandardPageFactory(parent=about, slug="history", title="History")
    international_page = StandardPageFactory(parent=home, slug="contact", title="Contact")
    return {
        "home": home,
        "directory": directory,
        "local": local,
        "about": about,
        "deeper": deeper,
        "contact": international_page,
    }


def test_a_page_belongs_to_the_nearest_section_root_whatever_its_depth(tree):
    for name in ("about", "deeper"):
        section = section_of(tree[name])
        assert isinstance(section, LocalPage) and section.pk == tree["local"].pk
    for name in ("contact", "directory"):
        section = section_of(tree[name])
        assert isinstance(section, HomePage) and section.pk == tree["home"].pk


def test_a_section_root_is_its_own_section_and_the_international_is_outermost(tree):
    assert section_of(tree["local"]) is tree["local"]
    assert [page.pk for page in section_roots(tree["deeper"])] == [
        tree["local"].pk,
        tree["home"].pk,
    ]
    assert international(tree["deeper"]).pk == tree["home"].pk
    assert international(tree["home"]).pk == tree["home"].pk


def test_a_sections_own_fields_are_there_when_read(tree):
    assert section_of(tree["deeper"]).time_zone == "America/New_York"


def test_one_query_for_a_page_alone_none_for_a_sites_home(tree, django_assert_num_queries):
    page = type(tree["deeper"]).objects.get(pk=tree["deeper"].pk)
    with django_assert_num_queries(1):
        section_of(page)
    with django_assert_num_queries(0):
        section_roots(tree["home"])


def test_no_query_for_a_page_being_served(tree, django_assert_num_queries):
    request = RequestFactory().get("/locals/local-12/about/history/")
    page = page_tree.route(request, "/locals/local-12/about/history/").page
    with django_assert_num_queries(0):
        section = section_of(page)
        assert (section.pk, section.path) == (tree["local"].pk, tree["local"].path)


def test_parent_path_is_the_parents(tree):
    assert parent_path(tree["deeper"]) == tree["about"].path


def test_only_a_local_roots_a_local_section():
    """The cache tags of a listing say whose it is: a local's slug under a LocalPage, and
    "international" under the home page; one marker on the classes decides it."""
    assert is_local_section_class(LocalPage)
    assert not is_local_section_class(HomePage)
    assert not is_local_section_class(NewsIndexPage)
    assert not is_local_section_class(None)
