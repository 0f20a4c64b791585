"""The emails a submission sends after it commits: the staff notification (who should look,
and where) and, when the form asks for it, the member's confirmation.

The staff email names the page and links to the admin's submissions list; the member's answers
stay in the database, behind the admin's permissions, instead of being copied into inboxes. The
member's confirmation says only what the member already knows (the page and its thank-you
text). Both are plain text with an HTML alternative.

Staff recipients are the section's contact address (a local's email, given by the
`opeiu_form_default_recipients` hook the locals app registers) plus the addresses typed on the
form page."""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from wagtail import hooks

logger = logging.getLogger(__name__)

HEADERS = {"Auto-Submitted": "auto-generated"}


def staff_recipients(page):
    """The section's default addresses, then the page's own, each once."""
    addresses = []
    for hook in hooks.get_hooks("opeiu_form_default_recipients"):
        addresses += hook(page) or []
    addresses += (page.to_address or "").split(",")
    unique = {}
    for address in addresses:
        address = address.strip()
        if address:
            unique.setdefault(address.lower(), address)
    return list(unique.values())


def _message(subject, template, context, sender, recipients):
    text = render_to_string(f"actions/email/{template}.txt", context)
    html = render_to_string(f"actions/email/{template}.html", context)
    message = EmailMultiAlternatives(subject, text, sender, recipients, headers=dict(HEADERS))
    message.attach_alternative(html, "text/html")
    return message


def staff_email(page, submission, recipients=None):
    link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "wagtailforms:list_submissions", args=[page.pk]
    )
    context = {
        "page": page,
        "kind": page.get_kind_display().lower(),
        "when": date_format(timezone.localtime(submission.submit_time), "DATETIME_FORMAT"),
        "link": link,
    }
    subject = page.subject or f"New submission: {page.title}"
    recipients = staff_recipients(page) if recipients is None else recipients
    return _message(subject, "staff_notification", context, page.from_address or None, recipients)


def member_email(page, address):
    subject = f"Thank you: {page.title}"
    context = {"page": page, "url": page.full_url or ""}
    return _message(subject, "member_confirmation", context, page.from_address or None, [address])


def _send(message, what, page, submission):
    try:
        message.send()
    except Exception:
        logger.exception(
            "Could not email %s about submission %s on page %s (%s); it is stored.",
            what,
            submission.pk,
            page.pk,
            page.title,
        )


def notify_staff(page, submission, recipients=None):
    """Send the staff notification; a failure is logged and swallowed (the submission is safe)."""
    _send(staff_email(page, submission, recipients), "staff", page, submission)


def notify_member(page, submission, address):
    """Send the member's confirmation; a failure is logged and swallowed."""
    _send(member_email(page, address), "the member", page, submission)
