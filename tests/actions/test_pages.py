"""Action pages render for every kind, sit where they may, and the admin checks them."""

import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from actions.models import ActionKind, ActionPage
from opeiu_site.home.models import HomePage, StandardPage
from tests.actions.factories import ActionPageFactory, add_fields


@pytest.mark.django_db
class TestWhereActionPagesSit(WagtailPageTestCase):
    def test_under_a_section_root_only_and_childless(self):
        self.assertCanCreateAt(HomePage, ActionPage)
        self.assertCanNotCreateAt(StandardPage, ActionPage)
        self.assertCanNotCreateAt(Page, ActionPage)
        self.assertAllowedSubpageTypes(ActionPage, set())


@pytest.mark.parametrize(
    "kind, heading",
    [
        (ActionKind.SIGN_UP, "Sign up"),
        (ActionKind.PETITION, "Sign the petition"),
        (ActionKind.ORGANIZER, "Talk to an organizer"),
    ],
)
def test_each_kind_renders_its_form(client, home, kind, heading):
    page = ActionPageFactory(parent=home, slug="act", kind=kind, goal=50)
    add_fields(page, ("Name", "singleline", True), ("Choose", "checkboxes", False, "A\nB"))
    response = client.get("/act/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<h2 id="action-form-heading">{heading}</h2>' in html
    assert ("of a goal of 50" in html) == (kind == ActionKind.PETITION)
    assert "<legend>Choose</legend>" in html


def _admin_add(admin_client, home, **overrides):
    data = {
        "title": "Sign this",
        "slug": "sign-this",
        "kind": "petition",
        "goal": "",
        "intro": "",
        "body": streamfield([]),
        "form_fields": inline_formset(
            [{"label": "Email", "field_type": "email", "required": "on"}]
        ),
        "consent_text": "I agree.",
        "submit_label": "Sign",
        "privacy_note": "",
        "thank_you_text": "Thanks",
        "to_address": "",
        "from_address": "",
        "subject": "",
        "action-publish": "publish",
    }
    data.update(overrides)
    return admin_client.post(
        f"/admin/pages/add/actions/actionpage/{home.pk}/", nested_form_data(data)
    )


def test_admin_refuses_a_petition_without_a_goal(admin_client, home):
    response = _admin_add(admin_client, home)
    assert response.status_code == 200
    assert "A petition needs a signature goal." in response.content.decode()
    assert not ActionPage.objects.exists()


def test_admin_refuses_field_labels_that_clash_with_spam_defences(admin_client, home):
    fields = inline_formset([{"label": "Consent", "field_type": "checkbox", "required": "on"}])
    response = _admin_add(admin_client, home, goal="100", form_fields=fields)
    assert response.status_code == 200
    assert "This label is reserved by the site" in response.content.decode()
    assert not ActionPage.objects.exists()


def test_editor_builds_a_petition_in_the_admin_and_people_can_sign(admin_client, home, client):
    response = _admin_add(admin_client, home, goal="100")
    assert response.status_code == 302
    page = ActionPage.objects.get()
    assert page.live and page.goal == 100
    assert [f.clean_name for f in page.form_fields.all()] == ["email"]
    assert 'name="email"' in client.get("/sign-this/").content.decode()


def test_form_page_query_budget_is_constant(client, home, django_assert_max_num_queries):
    page = ActionPageFactory(parent=home, slug="act", kind=ActionKind.PETITION, goal=10)
    add_fields(page, *[(f"Field {i}", "singleline", False) for i in range(12)])
    client.get("/act/")
    with django_assert_max_num_queries(12):
        assert client.get("/act/").status_code == 200


def test_admin_edit_view_shows_the_submissions_panel(admin_client, home, client):
    from tests.actions.conftest import signed

    page = ActionPageFactory(parent=home, slug="act", kind=ActionKind.PETITION, goal=5)
    add_fields(page, ("First name", "singleline", True), ("Email", "email", True))
    client.post("/act/", signed())
    response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    assert f"/admin/forms/submissions/{page.pk}/" in response.content.decode()
