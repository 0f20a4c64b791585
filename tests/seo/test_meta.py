"""What search engines and social sites read from every page: title, description, canonical,
Open Graph / Twitter tags, the Organization JSON-LD, and noindex where it belongs."""

import json

import pytest
from django import forms
from django.template.loader import render_to_string
from wagtail.models import Site

from opeiu_site.core.models import SiteSettings
from tests.factories import StandardPageFactory

from .html import PageReader


def read(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200
    return PageReader(response.content.decode())


def test_title_description_canonical_and_social_tags(client, home):
    StandardPageFactory(
        parent=home,
        slug="about",
        title="About OPEIU",
        seo_title="About the Office and Professional Employees union",
        search_description="Who we are and how we work.",
        listing_summary="A listing summary that loses to the meta description.",
    )
    page = read(client, "/about/")
    assert page.title == "About the Office and Professional Employees union | OPEIU"
    assert page.meta["description"] == "Who we are and how we work."
    assert page.link("canonical") == "http://testserver/about/"
    assert page.meta["og:url"] == "http://testserver/about/"
    assert page.meta["og:title"] == "About the Office and Professional Employees union"
    assert page.meta["og:description"] == "Who we are and how we work."
    assert page.meta["og:type"] == "article"
    assert page.meta["og:site_name"] == "OPEIU"
    assert page.meta["twitter:card"] == "summary"
    assert page.meta["twitter:title"] == page.meta["og:title"]
    assert "robots" not in page.meta
    assert page.h1_count == 1


def test_description_falls_back_to_summary_then_intro_then_the_site(client, home):
    StandardPageFactory(parent=home, slug="a", title="A", listing_summary="Listing summary.")
    StandardPageFactory(parent=home, slug="b", title="B", intro="An intro " * 40)
    StandardPageFactory(parent=home, slug="c", title="C", intro="")
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.tagline = "AFL-CIO affiliate"
    settings.save()

    assert read(client, "/a/").meta["description"] == "Listing summary."
    intro = read(client, "/b/").meta["description"]
    assert intro.startswith("An intro An intro") and len(intro) <= 160
    assert read(client, "/c/").meta["description"] == (
        "Office and Professional Employees International Union: AFL-CIO affiliate"
    )


@pytest.mark.clock
def test_home_page_has_organization_json_ld_from_site_settings(client, home):
    page = read(client, "/")
    assert page.title == home.title  # no "| OPEIU" suffix on the home page
    assert len(page.json_ld) == 1
    data = json.loads(page.json_ld[0])
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Organization"
    assert data["name"] == "Office and Professional Employees International Union"
    assert data["url"] == "http://testserver/"
    assert data["logo"].startswith("http://testserver/static/")
    assert data["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "80 Eighth Avenue, Suite 201",
        "addressLocality": "New York",
        "addressRegion": "NY",
        "postalCode": "10011",
        "addressCountry": "US",
    }
    assert data["telephone"] == "(800) 346-7348"
    assert [point["telephone"] for point in data["contactPoint"]] == ["(800) 346-7348"]


@pytest.mark.clock
def test_json_ld_cannot_be_broken_out_of(client, home):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.organisation_name = "</script><script>alert(1)</script>"
    settings.save()
    html = client.get("/").content.decode()
    assert "<script>alert(1)</script>" not in html
    data = json.loads(PageReader(html).json_ld[0])
    assert data["name"] == "</script><script>alert(1)</script>"


def test_other_pages_have_no_organization_json_ld(client, home):
    StandardPageFactory(parent=home, slug="about", title="About")
    assert read(client, "/about/").json_ld == []


def test_preview_is_noindex_but_the_live_page_is_not(client, home):
    page = StandardPageFactory(parent=home, slug="draft", title="Draft")
    preview = PageReader(page.make_preview_request().content.decode())
    assert preview.meta["robots"] == "noindex"
    assert preview.link("canonical") is None
    assert "robots" not in read(client, "/draft/").meta


def test_search_results_and_404_are_noindex(client, home):
    assert read(client, "/search/", data={"q": "union"}).meta["robots"] == "noindex"
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert PageReader(response.content.decode()).meta["robots"] == "noindex"


@pytest.mark.django_db
def test_form_field_component_ties_errors_and_help_to_the_input():
    class JoinForm(forms.Form):
        email = forms.EmailField(label="Email", help_text="We never share it.")

    form = JoinForm(data={"email": "not an email"})
    html = render_to_string("components/form_field.html", {"field": form["email"]})
    assert '<label for="id_email">Email <span class="field__required">(required)</span>' in html
    assert 'id="id_email_helptext"' in html
    assert 'id="id_email_error"' in html
    assert 'aria-describedby="id_email_helptext id_email_error"' in html
    assert 'aria-invalid="true"' in html
    assert "Error: Enter a valid email address." in html
