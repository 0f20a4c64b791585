from django.core.management import call_command
from wagtail.models import Page, Site

from opeiu_site.core.models import SiteSettings
from opeiu_site.home.models import HomePage


def _counts():
    return {
        "pages": Page.objects.count(),
        "sites": Site.objects.count(),
        "settings": SiteSettings.objects.count(),
        "revisions": sum(p.revisions.count() for p in Page.objects.all()),
    }


def test_demo_loader_runs_twice_without_duplicating(db, client, capsys, django_user_model):
    call_command("load_demo")
    first = _counts()
    out = capsys.readouterr().out
    assert "admin" in out and "opeiu-demo-admin" in out

    call_command("load_demo")
    assert _counts() == first
    assert django_user_model.objects.filter(username="admin", is_superuser=True).count() == 1

    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    contact = client.get("/contact/")
    assert contact.status_code == 200
    assert "80 Eighth Avenue, Suite 201" in contact.content.decode()
    assert "(212) 675-3210" in contact.content.decode()
    for path in ("/", "/about/", "/need-a-union/"):
        assert client.get(path).status_code == 200, path


def test_demo_admin_can_log_in(db, client):
    call_command("load_demo")
    assert client.login(username="admin", password="opeiu-demo-admin")
    assert client.get("/admin/").status_code == 200
