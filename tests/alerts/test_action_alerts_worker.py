"""An action alert through the real worker and a real SMTP server (tests/smtp.py): the test send
reaches the writer, the approved alert each confirmed subscriber once (approved twice), with
the one-click unsubscribe headers, and the sender sees the progress in the admin."""

import pytest
from django.test import Client
from django.urls import reverse

from alerts.models import ActionAlert, Notice
from tests.conftest import make_home
from tests.locals.helpers import login_as_local_editor, login_as_local_moderator
from tests.smtp import SMTPServer, html_part, text_part
from tests.worker import wait_until

from .test_action_alerts import build, write_alert

pytestmark = [pytest.mark.clock, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_test_send_and_the_approved_alert_arrive_through_the_worker(task_worker, settings):
    settings.ALERTS_BASE_URL = "https://www.opeiu.example"
    world = build(make_home())
    with SMTPServer() as server:
        settings.MAILERS = server.mailers()
        worker = task_worker(EMAIL_URL=server.url, ALERTS_BASE_URL="https://www.opeiu.example",
                             ALERTS_RATE_PER_SECOND="0")  # fmt: skip
        editor_client, moderator_client = Client(), Client()
        editor = login_as_local_editor(editor_client, 212)
        editor.email = "writer@opeiu.example"
        editor.save()
        login_as_local_moderator(moderator_client, 212)
        alert = write_alert(editor_client, world)
        editor_client.post(reverse("alerts_admin:action_alert_test", args=[alert.pk]))
        [test] = server.sink.wait_for(1)
        assert test.rcpt_tos == ["writer@opeiu.example"]
        assert test["Subject"] == "[Test] Call your council member today"
        editor_client.post(reverse("alerts_admin:action_alert_submit", args=[alert.pk]))
        approve = reverse("alerts_admin:action_alert_approve", args=[alert.pk])
        moderator_client.post(approve, {"version": 1})
        moderator_client.post(approve, {"version": 1})
        notice = ActionAlert.objects.get(pk=alert.pk).notice
        wait_until(lambda: Notice.objects.get(pk=notice.pk).status == Notice.DONE, 60,
                   "the alert to be sent", worker=worker)  # fmt: skip
        messages = server.sink.messages[1:]
        assert sorted(r for m in messages for r in m.rcpt_tos) == [
            f"team{n}@example.org" for n in range(3)
        ]
        first = messages[0]
        assert first["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert "Sign the petition: http" in text_part(first)
        assert "staffing-petition" in html_part(first)
        # The worker started the weekly digests' chain: one task waits for next Monday.
        from django_tasks_db.models import DBTaskResult

        waiting = DBTaskResult.objects.filter(
            task_path="alerts.digests.weekly_digests_task", status="READY"
        )
        assert waiting.count() == 1 and waiting.get().run_after.weekday() in (0, 6)
        page = moderator_client.get(reverse("alerts_admin:action_alert", args=[alert.pk]))
        assert "<dt>Sent</dt><dd>3</dd>" in page.content.decode()
