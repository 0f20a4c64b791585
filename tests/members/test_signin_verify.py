"""Asking to be verified (members/verify.py): a public form, the same answer whatever was typed,
limited per address and per email; approving the request admits the person, who then signs in
by code like any member."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from members.models import Membership, MembershipSource, VerificationRequest, VerificationStatus
from members.verify import approve, refuse
from tests.smtp import code_in

pytestmark = pytest.mark.clock

URL = "/accounts/verify/"


def ask(tree, client=None, **fields):
    data = {
        "local": tree.local12.pk,
        "email": "sam@example.org",
        "member_number": "12-555",
        "last_name": "Lee",
        "postal_code": "55113",
    } | fields
    return (client or Client()).post(URL, data)


def test_the_form_lists_the_locals_and_labels_every_field(db, tree):
    html = Client().get(URL).content.decode()
    for label in ("Your local", "Your email address", "Member number", "Last name", "ZIP"):
        assert label in html
    assert "Local 12, Roseville" in html and "Local 212, Buffalo" in html


def test_a_request_is_stored_and_answered_neutrally(db, tree):
    response = ask(tree)
    assert response.status_code == 302 and response["Location"] == "/accounts/verify/sent/"
    request = VerificationRequest.objects.get()
    assert (request.email, request.local_id, request.member_number) == (
        "sam@example.org",
        tree.local12.pk,
        "12-555",
    )
    assert request.user is None and request.status == VerificationStatus.PENDING
    page = Client().get(response["Location"]).content.decode()
    assert "If these details match your local's roster" in page
    # Any member number gets the same answer; asking again replaces the waiting request.
    again = ask(tree, member_number="nonsense")
    assert again["Location"] == response["Location"]
    assert VerificationRequest.objects.get().member_number == "nonsense"


def test_bad_input_is_a_form_error(db, tree):
    response = ask(tree, email="not-an-email", local="999999", postal_code="")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("Error:") >= 3
    assert not VerificationRequest.objects.exists()


def test_requests_are_limited_per_email_and_per_address(db, tree):
    for number in range(2):
        assert ask(tree, REMOTE_ADDR=f"198.51.100.{number}").status_code == 302
    limited = ask(tree, REMOTE_ADDR="198.51.100.9")
    assert limited.status_code == 200 and "Too many requests" in limited.content.decode()
    for number in range(5):
        ask(tree, email=f"p{number}@example.org", REMOTE_ADDR="203.0.113.7")
    limited = ask(tree, email="p9@example.org", REMOTE_ADDR="203.0.113.7")
    assert limited.status_code == 200 and "Too many requests" in limited.content.decode()


def test_an_approved_person_signs_in_by_code_and_is_a_member(db, tree, smtp, django_user_model):
    ask(tree)
    staff = django_user_model.objects.create_user("local12-moderator")
    membership = approve(VerificationRequest.objects.get(), staff)
    assert membership.source == MembershipSource.VERIFIED
    request = VerificationRequest.objects.get()
    assert request.status == VerificationStatus.APPROVED and request.reviewed_by == staff
    assert request.user.email == "sam@example.org" and request.user.last_name == "Lee"

    client = Client()
    client.post("/accounts/login/code/", {"email": "sam@example.org"})
    [message] = smtp.messages
    landed = client.post("/accounts/login/code/confirm/", {"code": code_in(message)})
    assert landed["Location"] == "/my-union/"
    # Signing in keeps the verified membership (it is not the roster's to end).
    assert Membership.objects.filter(user=request.user, local=tree.local12).exists()


def test_a_refused_request_admits_nobody(db, tree, django_user_model):
    ask(tree)
    refuse(VerificationRequest.objects.get(), django_user_model.objects.create_user("mod"))
    assert VerificationRequest.objects.get().status == VerificationStatus.REFUSED
    assert not get_user_model().objects.filter(email="sam@example.org").exists()
