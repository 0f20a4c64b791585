"""The demo's action pages: both action teams, the Red Cross petition, an organizer form."""

from django.core.management import call_command
from wagtail.contrib.forms.models import FormSubmission

from actions.models import ActionFormField, ActionPage
from demo.actions import load_local_forms
from demo.helpers import DemoLog
from opeiu_site.home.models import HomePage
from tests.actions.conftest import signed


def test_demo_builds_the_action_pages_once(db, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo")
    counts = (ActionPage.objects.count(), ActionFormField.objects.count())
    call_command("load_demo")
    assert (ActionPage.objects.count(), ActionFormField.objects.count()) == counts

    petition = ActionPage.objects.get(slug="red-cross-petition")
    assert petition.title == "Tell the Red Cross: Front-Line Heroes Deserve a DIGNIFIED Contract"
    assert petition.url == "/red-cross-petition/" and petition.goal
    html = client.get("/red-cross-petition/").content.decode()
    assert "May 31" in html and "understaffing" in html
    assert "<strong>0</strong> signatures" in html

    response = client.post(
        "/red-cross-petition/", signed(last_name="Parks", zip_or_postal_code="10011")
    )
    assert "Thank you for signing" in response.content.decode()
    assert FormSubmission.objects.filter(page=petition).count() == 1
    assert "<strong>1</strong> signature " in client.get("/red-cross-petition/").content.decode()

    for path in ("/member-action-team/", "/retiree-action-team/"):
        assert client.get(path).status_code == 200, path


def test_local_organizer_form_under_any_section(db, client, home):
    log = DemoLog(lambda message: None)
    page = load_local_forms(home, log)
    again = load_local_forms(home, log)
    assert page.pk == again.pk
    assert ActionPage.objects.filter(kind="organizer").count() == 1
    html = client.get(page.url).content.decode()
    assert "Need a Union? Talk to an organizer" in html
    assert "never share it" in html and "with your employer" in html
    assert HomePage.objects.get().get_children().filter(pk=page.pk).exists()
