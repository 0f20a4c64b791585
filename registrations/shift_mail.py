"""The shift sign-up confirmation: the shifts chosen in one submit, one .ics with a VEVENT per
shift (UID from the shift's id, so a second mail updates rather than duplicates), and a cancel
link per shift.

Sent from a worker task on the mail path of registrations (mail.py): the same task backend, the
same retries with a growing delay, the same "sent at" stamp per row, so a mail server that is
down never loses a sign-up (the rows are committed before anything is enqueued) and a retry
never sends a second confirmation for a row whose first one went.
"""

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from icalendar import Event

from opeiu_site.core.feed_text import one_line
from opeiu_site.core.tasks import WORKER_BACKEND, worker_task

from .mail import MAX_ATTEMPTS, RETRY_DELAYS, _site_url
from .tokens import shift_cancel_token

logger = logging.getLogger(__name__)


def enqueue_confirmation(signup_ids):
    send_shift_mail.enqueue(list(signup_ids), 1)


def shift_uid(shift):
    return f"shift-{shift.pk}@{settings.EVENTS_UID_DOMAIN}"


def cancel_url(signup, page):
    return _site_url(page) + reverse(
        "registrations:shift_cancel", args=[shift_cancel_token(signup)]
    )


def ics_attachment(page, shifts, url=""):
    from events import ical

    components = []
    for shift in shifts:
        vevent = Event()
        vevent.add("uid", shift_uid(shift))
        vevent.add("dtstamp", shift.created_at)
        vevent.add("summary", one_line(f"Shift: {page.title}"))
        vevent.add("dtstart", shift.starts_at.astimezone(page.zone))
        vevent.add("dtend", shift.ends_at.astimezone(page.zone))
        vevent.add("location", one_line(shift.worksite))
        vevent.add("status", "CONFIRMED")
        if url:
            vevent.add("url", url)
        components.append(vevent)
    body = ical.build_calendar(f"Shifts: {page.title}", extra=components)
    return f"{page.slug}-shifts.ics", body, "text/calendar"


def build_message(signups):
    page = signups[0].shift.page.specific
    page_url = page.get_full_url() or ""
    context = {
        "name": signups[0].name,
        "page": page,
        "page_url": page_url,
        "items": [
            {"signup": signup, "shift": signup.shift, "cancel_url": cancel_url(signup, page)}
            for signup in signups
        ],
        "zone": page.zone,
    }
    subject = render_to_string("registrations/mail/shifts_subject.txt", context)
    body = render_to_string("registrations/mail/shifts.txt", context)
    message = EmailMessage(
        " ".join(subject.split()),
        body,
        to=[signups[0].email],
        headers={"Auto-Submitted": "auto-generated"},
    )
    message.attach(*ics_attachment(page, [s.shift for s in signups], page_url))
    return message


@worker_task
def send_shift_mail(signup_ids, attempt):
    from .shift_models import ShiftSignup

    signups = list(
        ShiftSignup.objects.filter(
            pk__in=signup_ids, cancelled_at__isnull=True, confirmation_sent_at__isnull=True
        )
        .select_related("shift", "shift__page")
        .order_by("shift__starts_at", "pk")
    )
    if not signups:
        return
    try:
        build_message(signups).send()
    except Exception:
        logger.exception(
            "shift sign-ups %s: the confirmation failed (attempt %s)", signup_ids, attempt
        )
        _retry(signup_ids, attempt)
        return
    ShiftSignup.objects.filter(pk__in=[s.pk for s in signups]).update(
        confirmation_sent_at=timezone.now()
    )


def _retry(signup_ids, attempt):
    if attempt >= MAX_ATTEMPTS:
        logger.error("shift sign-ups %s: the confirmation was given up", signup_ids)
        return
    from django.tasks import task_backends

    if not task_backends[WORKER_BACKEND].supports_defer:
        return
    delay = RETRY_DELAYS[min(attempt - 1, len(RETRY_DELAYS) - 1)]
    send_shift_mail.using(run_after=timezone.now() + dt.timedelta(seconds=delay)).enqueue(
        signup_ids, attempt + 1
    )
