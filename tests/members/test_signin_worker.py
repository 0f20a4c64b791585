"""The sign-in code is mailed by the real task worker (`manage.py db_worker`): the request that
asks for it only enqueues (members.adapter.send_rendered_mail), so it answers members and
unknown addresses alike without waiting for the mail server."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from tests.smtp import code_in
from tests.worker import wait_until

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.slow,
]


def test_the_worker_mails_the_code_and_it_signs_the_member_in(task_worker, smtp):
    member = get_user_model().objects.create_user("member-1a2b3c", email="sam@example.org")
    worker = task_worker(EMAIL_URL=f"smtp://127.0.0.1:{smtp.port}")
    client = Client()
    response = client.post("/accounts/login/code/", {"email": "sam@example.org"})
    assert response.status_code == 302
    wait_until(lambda: smtp.messages, 30, "the code's email", worker=worker)
    [message] = smtp.messages
    assert message["To"] == "sam@example.org"
    assert message["Auto-Submitted"] == "auto-generated"
    landed = client.post("/accounts/login/code/confirm/", {"code": code_in(message)})
    assert landed["Location"] == "/my-union/"
    assert client.get("/accounts/login/code/").wsgi_request.user == member
