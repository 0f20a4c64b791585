"""Nothing lost: the submission is stored first; staff are emailed after the commit, with a
link and no personal data; a dead mail server is logged, and the member still gets thanks.

These tests use real transactions so on_commit runs as on the live site."""

import logging
import socket

import pytest
from wagtail.contrib.forms.models import FormSubmission

from tests.actions.conftest import signed

# Real commits; the migration-created root page is restored for each test.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def closed_port():
    """A port on 127.0.0.1 where nothing listens: connecting to it is refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_staff_email_has_a_link_and_no_personal_data(client, petition_page, mailoutbox, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://www.opeiu.example"
    response = client.post("/petition/", signed(first_name="Rosa", email="rosa@example.org"))
    assert "Thank you" in response.content.decode()
    assert FormSubmission.objects.count() == 1
    [message] = mailoutbox
    assert message.to == ["staff@example.org"]
    assert "Sign our petition" in message.subject
    link = f"https://www.opeiu.example/admin/forms/submissions/{petition_page.pk}/"
    assert link in message.body
    assert "Rosa" not in message.body and "rosa@example.org" not in message.body
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"


def test_no_email_without_a_to_address(client, home, mailoutbox):
    from tests.actions.factories import petition

    petition(home, slug="quiet", to_address="")
    client.post("/quiet/", signed())
    assert FormSubmission.objects.count() == 1
    assert mailoutbox == []


def test_mail_server_down_member_still_thanked_and_signature_stored(
    client, petition_page, settings, closed_port, caplog
):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": closed_port, "timeout": 5},
        }
    }
    with caplog.at_level(logging.ERROR, logger="actions.notify"):
        response = client.post("/petition/", signed(first_name="Rosa"))
    assert response.status_code == 200
    assert "You signed the petition" in response.content.decode()
    assert FormSubmission.objects.get().form_data["first_name"] == "Rosa"
    [record] = [r for r in caplog.records if r.name == "actions.notify"]
    assert "Could not email staff" in record.getMessage()
    assert isinstance(record.exc_info[1], ConnectionRefusedError)
    assert "<strong>1</strong> signature " in client.get("/petition/").content.decode()
