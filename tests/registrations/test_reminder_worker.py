"""The real task worker sends the reminder with no manual step: a registration starts the sweep
(ensure_sweep on commit), the worker's sweep finds the event starting within 24 h and sends the
reminder once; a restarted worker, swept again, sends no second one. Real SMTP server, real
commits. The worker runs on the real clock, so the test travels there too (it also passes on
a moved clock: OPEIU_TEST_CLOCK)."""

import datetime as dt

import pytest
import time_machine
from django_tasks_db.models import DBTaskResult

from registrations.models import Registration
from tests.conftest import make_home
from tests.worker import wait_until

from .conftest import build_world, open_event

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.clock,
    pytest.mark.slow,
]


def reminders_to(smtp, address):
    return [m for m in smtp.to(address) if m["Subject"].startswith("Reminder:")]


def sweeps_done():
    return DBTaskResult.objects.filter(
        task_path__endswith="sweep_task", status="SUCCESSFUL", return_value="nothing ahead"
    ).count()


def test_the_worker_reminds_once_and_a_restart_sends_no_duplicate(client, smtp, task_worker):
    hatch = time_machine.escape_hatch
    real_now = (hatch.datetime.datetime if hatch.is_travelling() else dt.datetime).now(dt.UTC)
    with time_machine.travel(real_now, tick=True):
        event = build_world(make_home())[2]
        start = (real_now + dt.timedelta(hours=23)).astimezone(event.zone)
        event.start_date, event.start_time, event.end_time = start.date(), start.time(), None
        event.start_time = event.start_time.replace(second=0, microsecond=0)
        event.save_revision().publish()
        row = open_event(event, capacity=10)
        # Ana registered two days ago; Bea registers now (her confirmation is her reminder).
        Registration.objects.create(
            settings=row, name="Ana", email="ana@example.org", status="confirmed",
            created_at=real_now - dt.timedelta(days=2),
        )  # fmt: skip
        worker = task_worker(EMAIL_URL=f"smtp://127.0.0.1:{smtp.port}")
        client.post("/register/", {"settings": row.pk, "name": "Bea", "email": "bea@example.org"})

        wait_until(lambda: reminders_to(smtp, "ana@example.org"), 60, "the reminder", worker=worker)
        wait_until(lambda: sweeps_done() == 1, 30, "the sweep to finish", worker=worker)
        wait_until(lambda: smtp.to("bea@example.org"), 30, "Bea's confirmation", worker=worker)
        [reminder] = reminders_to(smtp, "ana@example.org")
        assert reminder["Subject"].startswith("Reminder: Strike School")
        assert Registration.objects.get(email="ana@example.org").reminder_sent_at is not None
        worker.stop()

        again = task_worker(EMAIL_URL=f"smtp://127.0.0.1:{smtp.port}")
        client.post("/register/", {"settings": row.pk, "name": "Cy", "email": "cy@example.org"})
        wait_until(lambda: smtp.to("cy@example.org"), 60, "Cy's confirmation", worker=again)
        wait_until(lambda: sweeps_done() == 2, 30, "the second sweep", worker=again)
        assert len(reminders_to(smtp, "ana@example.org")) == 1
        assert reminders_to(smtp, "bea@example.org") == []
        assert reminders_to(smtp, "cy@example.org") == []
        assert [m["Subject"] for m in smtp.to("bea@example.org")] == [
            "You are registered: Strike School"
        ]
