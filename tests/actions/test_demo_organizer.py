"""The demo's "talk to an organizer" form, loaded under any section."""

from actions.models import ActionPage
from demo.actions import load_local_forms
from demo.helpers import DemoLog
from opeiu_site.home.models import HomePage


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
