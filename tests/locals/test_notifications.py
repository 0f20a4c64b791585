"""Notifications reach the right people (issue 13, item 3): a local's forms notify the local's
contact email (plus any address an editor adds), the member gets a confirmation when the form
asks for one, both after the commit, in plain text and HTML without the member's answers; and a
local's workflow emails go to that local's moderators only. Django's locmem mail outbox is the
real mail path in tests."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from wagtail.models import Page

from locals.models import LocalPage
from tests.actions.conftest import signed
from tests.actions.factories import petition
from tests.factories import StandardPageFactory

from .dashboard_content import staff_user


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()


@pytest.fixture
def local_form(tree):
    LocalPage.objects.filter(pk=tree.local12.pk).update(email="office@local12.example")
    return petition(tree.local12, slug="petition", to_address="")


def post(client, django_capture_on_commit_callbacks, data):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post("/locals/local-12/petition/", data)
    assert response.status_code == 200
    return callbacks


def test_a_local_form_notifies_the_local_by_default(
    client, local_form, mailoutbox, django_capture_on_commit_callbacks
):
    person = signed(first_name="Rosa", email="rosa@example.org")
    callbacks = post(client, django_capture_on_commit_callbacks, person)
    assert callbacks, "the email waits for the commit"
    [message] = mailoutbox
    assert message.to == ["office@local12.example"]
    html, mime = message.alternatives[0]
    assert mime == "text/html" and "Sign our petition" in html
    for body in (message.body, html):
        assert "Rosa" not in body and "rosa@example.org" not in body


def test_an_editor_adds_addresses(
    client, local_form, mailoutbox, django_capture_on_commit_callbacks
):
    local_form.to_address = "steward@local12.example, OFFICE@local12.example"
    local_form.save_revision().publish()
    post(client, django_capture_on_commit_callbacks, signed())
    [message] = mailoutbox
    assert message.to == ["office@local12.example", "steward@local12.example"]


def test_member_confirmation_only_when_asked(
    client, local_form, mailoutbox, django_capture_on_commit_callbacks
):
    post(client, django_capture_on_commit_callbacks, signed())
    assert len(mailoutbox) == 1  # staff only

    local_form.confirmation_email = True
    local_form.confirmation_text = "Thanks for signing. We deliver the petition in May."
    local_form.save_revision().publish()
    mailoutbox.clear()
    post(
        client,
        django_capture_on_commit_callbacks,
        signed(first_name="Rosa", message="Secret", email="rosa@example.org"),
    )
    member = next(m for m in mailoutbox if m.to == ["rosa@example.org"])
    assert "We deliver the petition in May." in member.body
    html = member.alternatives[0][0]
    assert "We deliver the petition in May." in html
    for body in (member.body, html):
        assert "Rosa" not in body and "Secret" not in body


def test_local_workflow_emails_go_to_that_locals_moderators_only(
    tree, mailoutbox, django_capture_on_commit_callbacks
):
    user_model = get_user_model()
    editor = staff_user(tree.local12, "editors", "ed12")
    moderator12 = staff_user(tree.local12, "moderators", "mod12")
    moderator212 = staff_user(tree.local212, "moderators", "mod212")
    boss = user_model.objects.create_superuser("boss", "boss@opeiu.example", "x" * 16)
    for user in (editor, moderator12, moderator212):
        user.email = f"{user.username}@example.org"
        user.save()
    page = StandardPageFactory(parent=tree.local12, title="Bargaining update", live=False)
    page.save_revision(user=editor)
    with django_capture_on_commit_callbacks(execute=True):
        tree.local12.get_workflow().start(Page.objects.get(pk=page.pk), editor)
    recipients = {address for message in mailoutbox for address in message.to}
    assert recipients == {"mod12@example.org"}
    assert boss.email not in recipients
    message = mailoutbox[0]
    assert "Bargaining update" in message.body
    assert message.alternatives and message.alternatives[0][1] == "text/html"
