"""One email of a notice to one recipient, as django-anymail and Django's SMTP backend both send
it: plain text + HTML alternative, the .ics attached when there is one, RFC 8058 unsubscribe
headers, a Message-ID that is the delivery's own (the same on a resend: clients and mailbox
providers fold a duplicate into one), anymail's tags and metadata for the provider's reports.

Which mailer sends is a setting (ALERTS_MAILER, an alias of MAILERS): SMTP in the demo and the
tests, an anymail backend (Postmark, SES, Mailgun...) where a deploy picks one.
"""

import email.policy
import smtplib
from email.message import MIMEPart
from email.utils import parseaddr
from urllib.parse import quote

from django.conf import settings
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils.html import escape


class AlertMessage(EmailMultiAlternatives):
    """Headers folded only past RFC 5322's hard limit (998): the standard policy turns a header
    "word" longer than 78 characters (a List-Unsubscribe URL with its token) into an RFC 2047
    encoded word, which mail clients do not decode in List-Unsubscribe, so the one-click
    unsubscribe would silently break."""

    def message(self, *, policy=email.policy.default):
        return super().message(policy=policy.clone(max_line_length=998))


# Where each recipient's own unsubscribe address goes in a notice rendered once for everybody.
UNSUBSCRIBE_PLACEHOLDER = "__ALERTS_UNSUBSCRIBE_URL__"
LIST_NAME_PLACEHOLDER = "__ALERTS_LIST_NAME__"


def mailer():
    """A connection of the mailer alerts send with (open it for a batch, close it after)."""
    return mail.mailers[settings.ALERTS_MAILER]


def absolute(path):
    return settings.ALERTS_BASE_URL.rstrip("/") + path


def unsubscribe_url(token):
    return absolute(reverse("alerts:unsubscribe", args=[token]))


def confirm_url(token):
    return absolute(reverse("alerts:confirm", args=[token]))


def sender_domain():
    address = parseaddr(settings.ALERTS_FROM_EMAIL)[1]
    return address.rpartition("@")[2] or "localhost"


def unsubscribe_mailto(token):
    """The mailto: of List-Unsubscribe: a mailbox routed to anymail's inbound webhook
    (alerts.webhooks) unsubscribes the token in the subject."""
    address = settings.ALERTS_UNSUBSCRIBE_MAILTO or f"unsubscribe@{sender_domain()}"
    return f"mailto:{address}?subject={quote('unsubscribe ' + token)}"


def list_headers(token, list_name, list_key):
    return {
        "List-Unsubscribe": f"<{unsubscribe_url(token)}>, <{unsubscribe_mailto(token)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "List-Id": f'"{list_name}" <{list_key}.alerts.{sender_domain()}>',
        "Auto-Submitted": "auto-generated",
        "Precedence": "bulk",
    }


def calendar_part(ics):
    part = MIMEPart()
    part.set_content(
        ics, subtype="calendar", params={"method": "PUBLISH"}, disposition="attachment",
        filename="meeting.ics",
    )  # fmt: skip
    return part


def notice_message(notice, delivery):
    """The EmailMultiAlternatives of `notice` for `delivery`'s address."""
    subscription = delivery.subscription
    token = subscription.token
    list_name = subscription.mailing_list.name
    link = unsubscribe_url(token)
    text = notice.text.replace(UNSUBSCRIBE_PLACEHOLDER, link).replace(
        LIST_NAME_PLACEHOLDER, list_name
    )
    html = notice.html.replace(UNSUBSCRIBE_PLACEHOLDER, escape(link)).replace(
        LIST_NAME_PLACEHOLDER, escape(list_name)
    )
    headers = list_headers(token, list_name, f"list-{subscription.mailing_list_id}")
    headers["Message-ID"] = f"<alert-{notice.pk}-{delivery.pk}@{sender_domain()}>"
    message = AlertMessage(
        notice.subject, text, settings.ALERTS_FROM_EMAIL, [delivery.email], headers=headers
    )
    message.attach_alternative(html, "text/html")
    if notice.ics:
        message.attach(calendar_part(notice.ics))
    # anymail: the provider's reports and tracking webhooks name the notice and the delivery.
    message.tags = ["alerts", notice.kind]
    message.metadata = {"notice": str(notice.pk), "delivery": str(delivery.pk)}
    message.track_clicks = False
    return message


# --- Failures -----------------------------------------------------------------------------------


def is_temporary(error):
    """A failure worth retrying: a 4xx answer, a refused or dropped connection, a timeout, a
    provider's 429 or 5xx. A 5xx SMTP answer or a provider's rejection of the address is not."""
    try:
        from anymail.exceptions import AnymailAPIError, AnymailRecipientsRefused
    except ImportError:  # pragma: no cover (anymail is in the lock)
        AnymailAPIError = AnymailRecipientsRefused = ()  # noqa: N806
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(400 <= code < 500 for code, _ in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    if AnymailRecipientsRefused and isinstance(error, AnymailRecipientsRefused):
        return False
    if AnymailAPIError and isinstance(error, AnymailAPIError):
        status = getattr(error, "status_code", None)
        return status is None or status == 429 or status >= 500
    return isinstance(error, OSError)  # refused, reset, timed out, SMTPServerDisconnected


def is_hard_bounce(error):
    """The server refused the address itself (5xx to RCPT TO): stop sending to it."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in error.recipients.values())
    return False


def rejected_by_provider(message):
    """anymail's per-recipient status after a send: 'rejected' or 'invalid' means no delivery."""
    status = getattr(message, "anymail_status", None)
    if status is None or not status.recipients:
        return ""
    for recipient in status.recipients.values():
        if recipient.status in ("rejected", "invalid"):
            return recipient.status
    return ""
