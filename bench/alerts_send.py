"""Benchmark: a notice to 50,000 confirmed subscribers, queued (rendered once, one delivery row
per address) and sent through the real pipeline (claim, render per recipient, SMTP, mark sent)
into a local aiosmtpd sink on a free port, with no pacing (ALERTS_RATE_PER_SECOND=0).

    DEBUG=True DATABASE_URL=sqlite:////tmp/alerts-bench.sqlite3 \
        .venv/bin/python -m bench.alerts_send [--subscribers 50000] [--send 50000]

Prints seconds and rates for: subscribing (bulk insert, setup only), the publishing request (a
moderator's "Approve and send" of an action alert through Django's test client: it writes the
notice and enqueues its task, nothing more), queueing the notice (the worker's prepare: render
once, one delivery row per address), rendering messages (no sending), and sending them; and
the machine's load average before and after."""

import argparse
import asyncio
import os
import socket
import sys
import time


class Sink:
    def __init__(self):
        self.count = 0

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.count += 1
        return "250 OK"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def publish_request(mailing_list):
    """A moderator's POST that approves an action alert to `mailing_list`, through the real URL
    and middleware; the notice it made and the request's seconds."""
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse
    from django_tasks_db.models import DBTaskResult
    from wagtail.models import Page

    from actions.choices import ActionKind
    from actions.models import ActionPage
    from alerts.models import ActionAlert
    from members.mfa import SESSION_KEY

    page = ActionPage.objects.filter(slug="bench-petition").first()
    if page is None:
        page = Page.objects.get(depth=1).add_child(
            instance=ActionPage(
                title="Bench petition", slug="bench-petition", kind=ActionKind.SIGN_UP
            )
        )
        page.save_revision().publish()
    user, _ = get_user_model().objects.get_or_create(
        username="bench-moderator", defaults={"is_superuser": True, "is_staff": True}
    )
    alert = ActionAlert.objects.create(
        subject="Call your senator today", text="The vote is tomorrow. " * 20,
        action_page=page, status=ActionAlert.SUBMITTED,
    )  # fmt: skip
    alert.mailing_lists.set([mailing_list])
    client = Client()
    client.force_login(user)
    session = client.session
    session[SESSION_KEY] = str(user.pk)
    session.save()
    url = reverse("alerts_admin:action_alert_approve", args=[alert.pk])
    started = time.perf_counter()
    response = client.post(url, {"version": alert.version})
    seconds = time.perf_counter() - started
    assert response.status_code == 302, response.status_code
    alert.refresh_from_db()
    DBTaskResult.objects.all().delete()  # this script is the worker
    return alert.notice, seconds


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--subscribers", type=int, default=50_000)
    parser.add_argument("--send", type=int, default=50_000, help="how many of them to send")
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opeiu_site.settings")
    # The database queue, as in production: the publishing request only enqueues; this script
    # then does the worker's work itself, timed step by step.
    os.environ.setdefault("TASKS_WORKER", "True")
    import django

    django.setup()
    from aiosmtpd.controller import Controller
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from alerts import sending
    from alerts.mail import notice_message
    from alerts.models import Delivery, MailingList, Notice, Subscription, Topic

    port = free_port()
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=port, loop=asyncio.new_event_loop())
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 10},
        }
    }
    settings.ALERTS_MAILER = "default"
    settings.ALERTS_RATE_PER_SECOND = 0
    settings.ALERTS_BATCH_SIZE = 500

    Notice.objects.all().delete()
    MailingList.objects.filter(name="Bench list").delete()
    mailing_list = MailingList.objects.create(topic=Topic.ACTIONS, name="Bench list")
    started = time.perf_counter()
    Subscription.objects.bulk_create(
        [
            Subscription(
                mailing_list=mailing_list,
                email=f"member{n}@bench.example",
                status=Subscription.CONFIRMED,
                token=f"bench-token-{n:08d}",
            )
            for n in range(args.subscribers)
        ],
        batch_size=2000,
    )
    print(f"subscribed {args.subscribers:,} in {time.perf_counter() - started:.1f} s (setup)")

    print(f"load average before: {os.getloadavg()}")
    notice, publish_seconds = publish_request(mailing_list)
    print(f"publish request (approve an action alert): {publish_seconds * 1000:.0f} ms")
    started = time.perf_counter()
    sending.prepare(notice.pk)
    queued = time.perf_counter() - started
    rows = Delivery.objects.filter(notice=notice).count()
    print(f"queued {rows:,} deliveries in {queued:.2f} s ({rows / queued:,.0f}/s)")

    notice.refresh_from_db()
    sample = list(
        Delivery.objects.filter(notice=notice).select_related("subscription__mailing_list")[:5000]
    )
    started = time.perf_counter()
    for delivery in sample:
        notice_message(notice, delivery).message().as_bytes()
    rendered = time.perf_counter() - started
    print(
        f"rendered {len(sample):,} messages in {rendered:.2f} s ({len(sample) / rendered:,.0f}/s)"
    )

    to_send = min(args.send, rows)
    if to_send < rows:  # leave the rest out of the run
        keep = Delivery.objects.filter(notice=notice).order_by("pk").values("pk")[:to_send]
        Delivery.objects.filter(notice=notice).exclude(pk__in=keep).update(status="skipped")
    started = time.perf_counter()
    pacer = sending.Pacer(0)
    while batch := sending.claim(notice.pk):
        sending.send_batch(notice, batch, pacer)
    sent_seconds = time.perf_counter() - started
    sent = Delivery.objects.filter(notice=notice, status="sent").count()
    print(
        f"sent {sent:,} messages (sink received {sink.count:,}) in {sent_seconds:.1f} s "
        f"({sent / sent_seconds:,.0f}/s)"
    )
    controller.stop()
    print(f"load average after: {os.getloadavg()}")
    return 0 if sent == to_send == sink.count else 1


if __name__ == "__main__":
    sys.exit(main())
