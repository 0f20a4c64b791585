"""The person who asked to be verified hears the decision by email, read from a real SMTP
server: approved, with the link to sign in (which then works for their address); refused, a
neutral note to contact the local. Sent by the task worker once the decision is committed: a
mail server that is down loses no decision, and the real worker sends it."""

import logging
import re

import pytest
from django.test import Client
from django.urls import reverse

from members.models import Membership, VerificationRequest, VerificationStatus
from tests.conftest import make_home
from tests.db import kept_data
from tests.locals.helpers import build_locals_tree, login_as_local_editor
from tests.smtp import code_in, free_port, text_part
from tests.smtp import smtp as smtp  # noqa: F401, PLC0414 (the fixture)

pytestmark = pytest.mark.clock  # reviews are dated with timezone.now()


@pytest.fixture(scope="module")
def tree(django_db_setup, django_db_blocker):
    with kept_data(django_db_blocker):
        with django_db_blocker.unblock():
            built = build_locals_tree(make_home())
            built.local12.email, built.local12.phone = "office@local12.example.org", "651-555-0112"
            built.local12.save()
        yield built


def asked(local, email, number="12-004217"):
    return VerificationRequest.objects.create(
        email=email, local=local, member_number=number, last_name="Rivera", postal_code="10001"
    )


def review(client, local, item, action, capture):
    with capture(execute=True):
        response = client.post(
            reverse("members_roster:review", args=[local.pk, item.pk]), {"action": action}
        )
    assert response.status_code == 302
    item.refresh_from_db()
    return item


def test_approved_and_refused_people_are_told_by_email(
    db, client, tree, smtp, django_capture_on_commit_callbacks
):
    login_as_local_editor(client, 12)
    approved = review(
        client, tree.local12, asked(tree.local12, "pat@example.org"), "approve",
        django_capture_on_commit_callbacks,
    )  # fmt: skip
    assert approved.status == VerificationStatus.APPROVED
    [mail] = smtp.wait_for(1)
    assert mail["To"] == "pat@example.org" and mail["Subject"] == "You are verified: OPEIU Local 12"
    body = text_part(mail)
    assert "have verified your membership" in body and "pat@example.org" in body
    link = re.search(r"Sign in: (http://\S+)", body).group(1)
    assert link.endswith("/accounts/login/code/")

    # The link signs them in with their address: a code arrives, and it opens "My union".
    member = Client()
    member.post(link, {"email": "pat@example.org"})
    code = code_in(smtp.wait_for(2)[1])
    landed = member.post("/accounts/login/code/confirm/", {"code": code})
    assert landed["Location"] == "/my-union/"
    assert "OPEIU Local 12" in member.get("/my-union/").content.decode()

    refused = review(
        client, tree.local12, asked(tree.local12, "lee@example.org", "12-999999"), "refuse",
        django_capture_on_commit_callbacks,
    )  # fmt: skip
    assert refused.status == VerificationStatus.REFUSED
    [mail] = smtp.to("lee@example.org")
    assert mail["Subject"] == "Your verification request to OPEIU Local 12"
    body = text_part(mail)
    assert "could not verify your membership" in body
    assert "office@local12.example.org" in body and "651-555-0112" in body
    assert "Sign in" not in body and "12-999999" not in body  # neutral: no details repeated
    assert len(smtp.messages) == 3  # approved, Pat's sign-in code, refused


def test_mail_server_down_loses_no_decision(
    db, client, tree, settings, caplog, django_capture_on_commit_callbacks
):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": free_port(), "timeout": 5},
        }
    }
    login_as_local_editor(client, 12)
    with caplog.at_level(logging.ERROR, logger="members.verify"):
        item = review(
            client, tree.local12, asked(tree.local12, "sam@example.org"), "approve",
            django_capture_on_commit_callbacks,
        )  # fmt: skip
    assert item.status == VerificationStatus.APPROVED
    assert Membership.objects.filter(user__email="sam@example.org", local=tree.local12).exists()
    assert "the decision email failed" in caplog.text
    html = client.get(reverse("members_roster:verification", args=[tree.local12.pk]))
    assert "sam@example.org" in html.content.decode()  # among the reviewed
