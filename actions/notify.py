"""The staff notification sent after a submission commits: who should look, and where.

It names the page and links to the admin's submissions list; the member's answers stay in the
database, behind the admin's permissions, instead of being copied into inboxes."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

logger = logging.getLogger(__name__)


def staff_email(page, submission):
    link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "wagtailforms:list_submissions", args=[page.pk]
    )
    when = date_format(timezone.localtime(submission.submit_time), "DATETIME_FORMAT")
    subject = page.subject or f"New submission: {page.title}"
    body = (
        f"A new {page.get_kind_display().lower()} submission arrived on “{page.title}” "
        f"at {when}.\n\n"
        f"Read it in the admin (staff login needed):\n{link}\n\n"
        "The answers are not copied into this email, to keep members' personal details in "
        "one protected place.\n"
    )
    recipients = [address.strip() for address in page.to_address.split(",") if address.strip()]
    return EmailMessage(
        subject,
        body,
        page.from_address or None,
        recipients,
        headers={"Auto-Submitted": "auto-generated"},
    )


def notify_staff(page, submission):
    """Send the notification; a failure is logged and swallowed (the submission is safe)."""
    try:
        staff_email(page, submission).send()
    except Exception:
        logger.exception(
            "Could not email staff about submission %s on page %s (%s); it is stored.",
            submission.pk,
            page.pk,
            page.title,
        )
