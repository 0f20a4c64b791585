"""The router's use of Wagtail's, treebeard's and Django's private names is in one module
(opeiu_site/core/wagtail_private.py), and each name it relies on still does what the router
counts on in the installed versions: an upgrade that renames one fails here, not silently in
the query count or the routing."""

import inspect
from pathlib import Path

from django.http import HttpRequest
from django.test import RequestFactory
from treebeard.mp_tree import MP_Node
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import Page, Site
from wagtail.models import sites as wagtail_sites

from opeiu_site.core import wagtail_private as private
from opeiu_site.core.models import SiteSettings

ROOT = Path(__file__).resolve().parents[2]
FIRST_PARTY = ("opeiu_site", "actions", "alerts", "benefits", "contracts", "events", "locals")
FIRST_PARTY += ("members", "news", "registrations", "demo")
# What only wagtail_private may name: the private attributes, and Wagtail's site ranking.
PRIVATE_NAMES = (
    private.SITE_ON_REQUEST,
    private.PARENT_OF_NODE,
    "_get_raw_host",
    "models import sites",
)


def test_a_remembered_parent_is_what_get_parent_returns_without_a_query(
    db, django_assert_num_queries
):
    child = Page(path="000100010001", depth=3)
    parent = Page(path="00010001", depth=2)
    private.remember_parent(child, parent)
    with django_assert_num_queries(0):
        assert child.get_parent() is parent  # treebeard returns its cache before any query
    assert private.PARENT_OF_NODE in inspect.getsource(MP_Node.get_parent)


def test_a_remembered_site_is_what_find_for_request_returns():
    request = RequestFactory().get("/")
    assert not private.has_site(request) and private.site_of(request) is None
    site = Site(hostname="example.org", port=80)
    private.remember_site(request, site)
    assert private.has_site(request) and private.site_of(request) is site
    assert Site.find_for_request(request) is site  # no query: Wagtail's own cache
    assert private.SITE_ON_REQUEST in inspect.getsource(Site.find_for_request)


def test_remembered_site_settings_are_what_for_request_returns():
    request = RequestFactory().get("/")
    site_settings = SiteSettings()
    private.remember_site_settings(request, site_settings)
    assert SiteSettings.for_request(request) is site_settings
    assert getattr(site_settings, private.REQUEST_OF_SETTING) is request
    source = inspect.getsource(BaseSiteSetting.for_request)
    assert f"site_settings.{private.REQUEST_OF_SETTING} = request" in source


def test_the_raw_host_is_the_one_wagtail_matches_sites_on():
    request = RequestFactory().get("/", HTTP_HOST="not-an-allowed-host.example:8080")
    assert private.raw_host(request) == "not-an-allowed-host.example:8080"
    assert hasattr(HttpRequest, "_get_raw_host")
    assert "_get_raw_host" in inspect.getsource(Site._find_for_request)


def test_the_site_ranking_is_wagtails():
    source = inspect.getsource(wagtail_sites.get_site_for_hostname)
    for name in (
        "MATCH_HOSTNAME_PORT",
        "MATCH_HOSTNAME_DEFAULT",
        "MATCH_DEFAULT",
        "MATCH_HOSTNAME",
    ):
        assert name in source
        assert getattr(private, name) == getattr(wagtail_sites, name)


def test_no_other_module_uses_the_private_names():
    users = sorted(
        str(path.relative_to(ROOT))
        for app in FIRST_PARTY
        for path in (ROOT / app).rglob("*.py")
        if path.name != "wagtail_private.py"
        and any(name in path.read_text() for name in PRIVATE_NAMES)
    )
    assert users == []
