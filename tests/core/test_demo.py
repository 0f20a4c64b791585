import re

import pytest
from django.core.management import call_command
from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site

from actions.models import ActionFormField, ActionPage
from benefits.models import BenefitCategory, BenefitPage, Promo
from news.models import NewsCategory, NewsIndexPage, NewsPage
from opeiu_site.core.models import SiteSettings
from opeiu_site.home.models import HomePage


def _counts():
    """What a second run of load_demo must not add to, in every app."""
    models = (
        Page,
        Site,
        SiteSettings,
        Revision,
        NewsPage,
        NewsIndexPage,
        NewsCategory,
        Tag,
        get_image_model(),
        get_document_model(),
        BenefitPage,
        Promo,
        BenefitCategory,
        ActionPage,
        ActionFormField,
    )
    return {model._meta.label: model.objects.count() for model in models}


pytestmark = pytest.mark.clock  # the demo's meetings and offers are dated from today


def test_demo_loader_runs_twice_without_duplicating(
    demo_data, db, client, capsys, django_user_model
):
    first = _counts()
    call_command("load_demo")
    assert _counts() == first
    out = capsys.readouterr().out
    assert "admin" in out and "opeiu-demo-admin" in out
    assert django_user_model.objects.filter(username="admin", is_superuser=True).count() == 1

    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    contact = client.get("/contact/")
    assert contact.status_code == 200
    assert "80 Eighth Avenue, Suite 201" in contact.content.decode()
    assert "(212) 675-3210" in contact.content.decode()
    for path in ("/", "/about/", "/need-a-union/"):
        assert client.get(path).status_code == 200, path


def test_demo_admin_can_log_in(demo_data, db, client):
    assert client.login(username="admin", password="opeiu-demo-admin")
    assert client.get("/admin/").status_code == 200


STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)"')


def test_every_page_type_links_its_stylesheets_once_in_the_head(demo_data, db, client):
    """A stylesheet linked from the body restyles the page after it was first drawn, and a
    second link to it is a wasted request; sections (the local's events and office closures)
    used to bring their own."""
    urls = {"/", "/locals/local-12/", "/events/"}
    first_of_type = {}
    for page in Page.objects.live().filter(depth__gt=1).order_by("path"):
        first_of_type.setdefault(page.content_type_id, page.url)
    urls.update(first_of_type.values())

    for url in sorted(urls):
        html = client.get(url).content.decode()
        head, _, body = html.partition("</head>")
        linked = STYLESHEET.findall(head)
        assert STYLESHEET.findall(body) == [], url
        assert len(linked) == len(set(linked)), url
        assert any("css/site" in href for href in linked), url
    home_head = client.get("/").content.decode().partition("</head>")[0]
    local_head = client.get("/locals/local-12/").content.decode().partition("</head>")[0]
    assert "css/events" in home_head and "css/events" in local_head
