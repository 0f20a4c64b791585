"""The registration emails: confirmation (with the event's .ics and the cancel link) and
"you have a place" for someone moved up from the waitlist.

For now the mail goes out with Django's send_mail from a worker task, here and only here, so
that it can move onto the alerts pipeline (issue 25) when that is merged. The registration row
is committed before anything is enqueued (services.py), so a mail server that is down never
loses a registration: the task retries with a growing delay (on a queue that can defer: the
database worker; the immediate backend of tests and scripts logs and gives up), and records
when each message went.
"""

import datetime as dt
import logging

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from opeiu_site.core.tasks import WORKER_BACKEND, worker_task

from .tokens import cancel_token

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
RETRY_DELAYS = [60, 300, 900, 3600, 6 * 3600]  # seconds after attempt 1, 2, ...


def enqueue_confirmation(registration_id):
    send_registration_mail.enqueue(registration_id, "confirmation", 1)


def enqueue_promotion(registration_id):
    send_registration_mail.enqueue(registration_id, "promotion", 1)


def _entry(registration):
    return registration.settings.page.specific


def _site_url(page):
    site = page.get_site()
    return site.root_url if site else ""


def cancel_url(registration, page=None):
    page = page or _entry(registration)
    return _site_url(page) + reverse("registrations:cancel", args=[cancel_token(registration)])


def ics_attachment(page):
    """The entry's own feed (events.ical): the same UID as a subscribed calendar."""
    from events import ical

    def url_for(entry):
        return entry.get_full_url() or ""

    if hasattr(page, "date_changes"):
        body = ical.build_calendar(page.title, series=[page], url_for=url_for)
    else:
        body = ical.build_calendar(page.title, events=[page], url_for=url_for)
    return f"{page.slug}.ics", body, "text/calendar"


def build_message(registration, kind):
    return _message(registration, _entry(registration), kind, {})


def _when(state, page):
    """The start and end of a state (schedule.entry_state) in the entry's own zone."""
    start = dt.datetime.fromisoformat(state["start"]).astimezone(page.zone)
    end = dt.datetime.fromisoformat(state["end"]).astimezone(page.zone)
    return {"start": start, "end": end, "zone": page.zone_label}


def _message(registration, page, template, context):
    context = {
        "registration": registration,
        "page": page,
        "date": registration.settings.date,
        "page_url": page.get_full_url() or "",
        "cancel_url": cancel_url(registration, page),
        **context,
    }
    with timezone.override(page.zone):  # times as the event's own clock says them
        subject = render_to_string(f"registrations/mail/{template}_subject.txt", context)
        text = render_to_string(f"registrations/mail/{template}.txt", context)
    message = EmailMessage(
        " ".join(subject.split()),
        text,
        to=[registration.email],
        headers={"Auto-Submitted": "auto-generated"},
    )
    message.attach(*ics_attachment(page))
    return message


def reminder_message(registration, occurrence):
    """The reminder the day before (reminders.py): when (in the entry's zone), where, the
    .ics and the cancel link."""
    from .schedule import entry_state

    page = _entry(registration)
    state = entry_state(page, registration.settings.date)
    return _message(registration, page, "reminder", {"state": state, "when": _when(state, page)})


def change_message(change_mail):
    """A published change to the registrant's event or date (changes.py): what it was, what it
    is now, and the feed's .ics (same UID, the SEQUENCE the publish raised)."""
    registration = change_mail.registration
    page = _entry(registration)
    before, after = change_mail.before, change_mail.after
    return _message(
        registration,
        page,
        "change",
        {
            "before": before,
            "after": after,
            "was": _when(before, page),
            "now": _when(after, page),
            "moved": before["start"] != after["start"],
            "place_changed": before.get("where") != after.get("where"),
        },
    )


SENT_FIELD = {"confirmation": "confirmation_sent_at", "promotion": "promotion_sent_at"}


@worker_task
def send_registration_mail(registration_id, kind, attempt):
    from .models import Registration

    registration = (
        Registration.objects.select_related("settings").filter(pk=registration_id).first()
    )
    field = SENT_FIELD[kind]
    if registration is None or getattr(registration, field) is not None:
        return
    if registration.status == Registration.Status.CANCELLED:
        return
    try:
        build_message(registration, kind).send()
    except Exception:
        logger.exception(
            "registration %s: the %s email failed (attempt %s)", registration_id, kind, attempt
        )
        _retry(registration_id, kind, attempt)
        return
    Registration.objects.filter(pk=registration_id).update(**{field: timezone.now()})


def _retry(registration_id, kind, attempt):
    if attempt >= MAX_ATTEMPTS:
        logger.error("registration %s: the %s email was given up", registration_id, kind)
        return
    from django.tasks import task_backends

    if not task_backends[WORKER_BACKEND].supports_defer:
        return
    delay = RETRY_DELAYS[min(attempt - 1, len(RETRY_DELAYS) - 1)]
    send_registration_mail.using(run_after=timezone.now() + dt.timedelta(seconds=delay)).enqueue(
        registration_id, kind, attempt + 1
    )
