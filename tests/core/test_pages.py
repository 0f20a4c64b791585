"""Every page type of the foundation renders and can only be created where it belongs."""

import pytest
from wagtail.models import Page, PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase

from opeiu_site.home.models import HomePage, StandardPage
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.clock  # reads today's date (tests/clock.py)


def test_home_page_renders_with_contact_details_in_footer(client, home):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<a class="skip-link" href="#main">' in html
    assert "80 Eighth Avenue, Suite 201" in html
    assert "(800) 346-7348" in html


def test_standard_page_renders_and_appears_in_the_main_menu(client, home):
    StandardPageFactory(parent=home, title="About OPEIU", slug="about", show_in_menus=True)
    response = client.get("/about/")
    assert response.status_code == 200
    assert "<h1>About OPEIU</h1>" in response.content.decode()
    home_html = client.get("/").content.decode()
    assert 'href="/about/">About OPEIU</a>' in home_html


def test_unpublished_page_is_not_served_and_not_in_the_menu(client, home):
    page = StandardPageFactory(parent=home, title="Draft", slug="draft", show_in_menus=True)
    page.unpublish()
    assert client.get("/draft/").status_code == 404
    assert "Draft</a>" not in client.get("/").content.decode()


def test_a_restricted_page_is_not_in_the_main_menu(client, home):
    """Its title would show to everyone, its link send them to a login: neither on a page
    served through the routing tree nor on one rendered without it (the 404 page)."""
    StandardPageFactory(parent=home, title="About OPEIU", slug="about", show_in_menus=True)
    page = StandardPageFactory(
        parent=home, title="Members area", slug="members", show_in_menus=True
    )
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="x")
    for url in ("/", "/about/", "/no-such-page/"):
        html = client.get(url).content.decode()
        assert ">About OPEIU</a>" in html, url
        assert "Members area" not in html, url


@pytest.mark.django_db
class TestWhereFoundationPagesSit(WagtailPageTestCase):
    def test_home_page_only_under_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanNotCreateAt(StandardPage, HomePage)

    def test_standard_page_under_home_or_another_standard_page(self):
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanCreateAt(StandardPage, StandardPage)
        self.assertCanNotCreateAt(Page, StandardPage)


def test_404_page_has_the_site_header(client, home):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert 'class="site-header"' in html
    assert 'aria-label="Main"' in html


def test_bad_query_string_on_a_page_is_not_an_error(client, home):
    response = client.get("/?page=abc&%ff=%00")
    assert response.status_code == 200
