"""/sitemap.xml lists the live, public pages of the requested site; /robots.txt points at it."""

import xml.etree.ElementTree as ET

from wagtail.models import PageViewRestriction, Site

from tests.factories import StandardPageFactory

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_locations(client, **extra):
    response = client.get("/sitemap.xml", **extra)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    return [loc.text for loc in root.findall("s:url/s:loc", NS)]


def test_sitemap_lists_live_public_pages_only(client, home):
    StandardPageFactory(parent=home, slug="about", title="About")
    StandardPageFactory(parent=home, slug="draft", title="Draft", live=False)
    private = StandardPageFactory(parent=home, slug="members", title="Members only")
    StandardPageFactory(parent=private, slug="inside", title="Inside")
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    assert sitemap_locations(client) == ["http://localhost/", "http://localhost/about/"]


def test_sitemap_is_per_site(client, home, settings):
    settings.ALLOWED_HOSTS = ["testserver", "local12.example.org"]
    StandardPageFactory(parent=home, slug="about", title="About")
    local_root = StandardPageFactory(parent=home, slug="local-12", title="Local 12")
    StandardPageFactory(parent=local_root, slug="meetings", title="Meetings")
    Site.objects.create(hostname="local12.example.org", port=80, root_page=local_root)

    assert sitemap_locations(client, HTTP_HOST="local12.example.org") == [
        "http://local12.example.org/",
        "http://local12.example.org/meetings/",
    ]


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_admin_and_search(client, home):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /search/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
