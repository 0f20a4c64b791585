"""core.page_tree: the one-query routing keeps Wagtail's answers (site matching, privacy,
breadcrumbs), whatever the depth of the page."""

import pytest
from django.test import RequestFactory
from wagtail.models import PageViewRestriction, Site

from opeiu_site.core import page_tree
from tests.factories import StandardPageFactory


@pytest.fixture
def sites(home):
    other_root = StandardPageFactory(parent=home, slug="local-root", title="Local root")
    Site.objects.create(hostname="local.example.org", port=80, root_page=other_root)
    for port in (8001, 8002):
        Site.objects.create(hostname="multi.example.org", port=port, root_page=other_root)
    return Site.objects.all()


@pytest.mark.parametrize(
    "host",
    [
        "localhost",
        "localhost:8080",
        "local.example.org",
        "local.example.org:8443",
        "multi.example.org:8001",
        "multi.example.org:9999",
        "unknown.example.org",
    ],
)
def test_find_site_matches_wagtail(sites, host, settings):
    settings.ALLOWED_HOSTS = ["*"]
    hostname, _, port = host.partition(":")
    request = RequestFactory().get("/", HTTP_HOST=host, SERVER_PORT=port or "80")
    expected = Site._find_for_request(request)
    assert page_tree.find_site(request) == expected
    if expected is None:
        return
    # The settings came with the site: for_request reads no more.
    from opeiu_site.core.models import SiteSettings

    SiteSettings.for_site(expected)  # make sure a row exists, as the first request does
    fresh = RequestFactory().get("/", HTTP_HOST=host, SERVER_PORT=port or "80")
    page_tree.find_site(fresh)
    assert SiteSettings.for_request(fresh).site_id == expected.pk


def test_a_password_protected_section_is_still_protected_at_every_depth(client, home):
    section = StandardPageFactory(parent=home, slug="members", title="Members only")
    inner = StandardPageFactory(parent=section, slug="minutes", title="Secret minutes")
    deep = StandardPageFactory(parent=inner, slug="march", title="March minutes")
    for page in (section, inner, deep):
        assert page.title in client.get(page.url).text
    PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.PASSWORD, password="s3cret-pass"
    )
    for page in (section, inner, deep):
        response = client.get(page.url)
        html = response.text
        assert page.title not in html, page.url
        assert 'name="password"' in html


def test_breadcrumbs_and_menu_come_from_the_route(client, home, django_assert_max_num_queries):
    section = StandardPageFactory(parent=home, slug="about", title="About us", show_in_menus=True)
    deep = StandardPageFactory(parent=section, slug="history", title="Our history")
    deeper = StandardPageFactory(parent=deep, slug="1945", title="The founding")
    client.get(deeper.url)  # warm the process caches
    with django_assert_max_num_queries(4):  # site + settings, route, the page, nothing more
        html = client.get(deeper.url).text
    assert '<a href="/about/">About us</a>' in html and '<a href="/about/history/">' in html
    assert 'aria-current="page">The founding' in html
    assert client.get("/about/history/nothing-here/").status_code == 404
