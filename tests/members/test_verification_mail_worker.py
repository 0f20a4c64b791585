"""The real task worker sends the verification decision's email (tests/test_verification_mail.py
has the rest). Its own module: a transactional test empties the tables, so it must not share a
module with data kept for the module (the `tree` of test_verification_mail.py)."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import make_home
from tests.locals.helpers import build_locals_tree, login_as_local_editor
from tests.smtp import text_part
from tests.worker import wait_until

from .test_verification_mail import asked

pytestmark = pytest.mark.clock  # reviews are dated with timezone.now()


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_sends_the_decision(task_worker, smtp):
    tree = build_locals_tree(make_home())
    worker = task_worker(EMAIL_URL=f"smtp://127.0.0.1:{smtp.port}")
    client = Client()
    login_as_local_editor(client, 12)
    item = asked(tree.local12, "ana@example.org")
    client.post(
        reverse("members_roster:review", args=[tree.local12.pk, item.pk]), {"action": "refuse"}
    )
    wait_until(lambda: smtp.to("ana@example.org"), 60, "the decision email", worker=worker)
    [mail] = smtp.to("ana@example.org")
    assert "could not verify your membership" in text_part(mail)
