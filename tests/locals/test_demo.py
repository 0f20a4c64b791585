"""The locals' demo content: five locals with pages, the directory, staff logins; idempotent."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import Collection, GroupPagePermission, Page

from locals.models import LocalPage

pytestmark = pytest.mark.clock  # reads today's date (tests/clock.py)


def _counts():
    return {
        "pages": Page.objects.count(),
        "locals": LocalPage.objects.count(),
        "groups": Group.objects.count(),
        "collections": Collection.objects.count(),
        "page_permissions": GroupPagePermission.objects.count(),
    }


def test_demo_locals_load_twice_without_duplicating(db, client, capsys):
    call_command("load_demo")
    first = _counts()
    out = capsys.readouterr().out
    for login in ("local12-editor", "local12-moderator", "local212-editor"):
        assert login in out and f"{login}-demo" in out
    call_command("load_demo")
    assert _counts() == first

    local12 = LocalPage.objects.get(number=12)
    assert local12.slug == "local-12" and local12.time_zone == "America/Chicago"
    html = client.get("/locals/local-12/").content.decode()
    assert "2277 Highway 36 W" in html and "2,500+" in html and "100+" in html
    assert "Local 12 Strong" in html and "Duluth" in html
    for slug in ("local-212", "local-95", "local-2", "guild-45", "guild-322", "local-537"):
        assert client.get(f"/locals/{slug}/").status_code == 200, slug
    assert "opeiu95.org" in client.get("/locals/local-95/").content.decode()
    assert "Find your local</a>" in client.get("/").content.decode()  # in the main menu


def test_demo_directory_finds_local_12_as_the_issue_asks(db, client):
    call_command("load_demo")
    for query in ("12", "Duluth", "Minnesota"):
        found = client.get("/locals/", {"q": query}).context["local_pages"]
        assert 12 in [local.number for local in found], query


def test_demo_staff_log_in_and_see_only_their_local(db, client):
    call_command("load_demo")
    local12 = LocalPage.objects.get(number=12)
    assert client.login(username="local12-editor", password="local12-editor-demo")
    response = client.get("/admin/pages/", follow=True)
    assert response.redirect_chain[-1][0] == f"/admin/pages/{local12.pk}/"
    assert "OPEIU Local 212" not in response.content.decode()
    local212 = LocalPage.objects.get(number=212)
    assert client.get(f"/admin/pages/{local212.pk}/edit/").status_code == 302
    client.logout()
    assert client.login(username="local12-moderator", password="local12-moderator-demo")
    assert client.get(f"/admin/pages/{local12.pk}/edit/").status_code == 200
