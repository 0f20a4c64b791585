"""The directory and local pages render, sit only where they may, and a local can be served on
its own domain with its own site settings."""

import pytest
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase

from locals.models import LocalIndexPage, LocalPage
from opeiu_site.core.models import SiteSettings
from opeiu_site.home.models import HomePage, StandardPage
from tests.factories import StandardPageFactory


@pytest.mark.clock
def test_local_page_shows_its_facts_and_contact_card(client, tree):
    local = tree.local12
    local.member_count = 2500
    local.contract_count = 100
    local.motto = "Local 12 Strong"
    local.phone = "(651) 555-0112"
    local.email = "office@local12.example.org"
    local.office_hours = "Monday to Friday, 8 to 4:30"
    local.facebook_url = "https://www.facebook.com/example-local12"
    local.save_revision().publish()

    response = client.get("/locals/local-12/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>OPEIU Local 12</h1>" in html
    assert "Local 12 · Roseville, Minnesota" in html
    assert "2,500+" in html and "100+" in html
    for area in ("Twin Cities metro", "Rochester", "Hibbing", "Duluth"):
        assert f"<li>{area}</li>" in html
    assert "2277 Highway 36 W<br>Roseville, MN 55113" in html
    assert 'href="tel:6515550112"' in html
    assert 'href="mailto:office@local12.example.org"' in html
    assert "Monday to Friday, 8 to 4:30" in html
    assert "“Local 12 Strong”" in html
    assert 'href="https://www.facebook.com/example-local12"' in html
    assert '<div class="local-sections">' in html


@pytest.mark.clock
def test_local_with_its_own_website_links_to_it(client, tree):
    tree.local212.website_url = "https://local212.example.org/"
    tree.local212.save_revision().publish()
    html = client.get("/locals/local-212/").content.decode()
    assert 'href="https://local212.example.org/"' in html
    assert "Visit Local 212’s own website" in html


def test_time_zone_is_a_plain_field_other_apps_can_read(tree):
    assert getattr(tree.local12, "time_zone", None) == "America/Chicago"
    assert getattr(tree.home, "time_zone", None) is None


def test_a_local_owns_standard_pages_that_render(client, tree):
    StandardPageFactory(parent=tree.local12, title="Join Local 12", slug="join")
    response = client.get("/locals/local-12/join/")
    assert response.status_code == 200
    assert "Find your local" in response.content.decode()  # breadcrumbs back up the tree


@pytest.mark.django_db
class TestWhereLocalPagesSit(WagtailPageTestCase):
    def test_directory_only_under_home_and_only_once(self):
        self.assertAllowedParentPageTypes(LocalIndexPage, {HomePage})
        self.assertCanNotCreateAt(StandardPage, LocalIndexPage)
        self.assertCanNotCreateAt(Page, LocalIndexPage)
        assert LocalIndexPage.max_count == 1

    def test_local_only_under_the_directory(self):
        self.assertAllowedParentPageTypes(LocalPage, {LocalIndexPage})
        self.assertAllowedSubpageTypes(LocalIndexPage, {LocalPage})
        self.assertCanNotCreateAt(HomePage, LocalPage)
        self.assertCanNotCreateAt(StandardPage, LocalPage)

    def test_local_holds_standard_pages(self):
        self.assertCanCreateAt(LocalPage, StandardPage)


def test_admin_form_rejects_a_duplicate_number_and_a_bad_time_zone(admin_client, tree):
    from django.urls import reverse

    url = reverse("wagtailadmin_pages:add", args=["locals", "localpage", tree.index.pk])
    response = admin_client.post(
        url,
        {
            "title": "Another Local 12",
            "slug": "another-12",
            "number": "12",
            "kind": "local",
            "country": "US",
            "state_province": "ON",
            "time_zone": "Mars/Olympus_Mons",
            "about-count": "0",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "number" in errors and "time_zone" in errors and "state_province" in errors
    assert not LocalPage.objects.filter(slug="another-12").exists()


# Own domain: Local 12 served as local12.example.org with its own site settings.


@pytest.fixture
def local12_site(tree, settings):
    settings.ALLOWED_HOSTS = ["localhost", "testserver", "local12.example.org"]
    site = Site.objects.create(
        hostname="local12.example.org", port=80, root_page=tree.local12, site_name="Local 12"
    )
    local_settings = SiteSettings.for_site(site)
    local_settings.organisation_name = "OPEIU Local 12"
    local_settings.short_name = "Local 12"
    local_settings.address = "2277 Highway 36 W\nRoseville, MN 55113"
    local_settings.phone = "(651) 555-0112"
    local_settings.save()
    return site


@pytest.mark.clock
def test_each_host_serves_its_own_pages_and_footer(client, tree, local12_site):
    local_home = client.get("/", HTTP_HOST="local12.example.org")
    assert local_home.status_code == 200
    html = local_home.content.decode()
    assert "<h1>OPEIU Local 12</h1>" in html
    footer = html[html.index('<footer class="site-footer">') :]
    assert "2277 Highway 36 W" in footer and "(651) 555-0112" in footer
    assert "80 Eighth Avenue" not in footer
    assert client.get("/local12-news/", HTTP_HOST="local12.example.org").status_code == 200
    # The International's pages are not part of Local 12's site...
    assert client.get("/about/", HTTP_HOST="local12.example.org").status_code == 404
    assert client.get("/locals/", HTTP_HOST="local12.example.org").status_code == 404

    # ...while the International's host keeps its own footer, also on Local 12's page there.
    international = client.get("/locals/local-12/", HTTP_HOST="localhost").content.decode()
    footer = international[international.index('<footer class="site-footer">') :]
    assert "80 Eighth Avenue" in footer and "(651) 555-0112" not in footer
