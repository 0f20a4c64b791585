"""The timing of the registration emails the worker sends: how long before the start the
reminder goes, how long a claim is held, when a failed send is tried again, and which
failures are worth trying again."""

import datetime as dt
import smtplib

from django.conf import settings

LEAD = dt.timedelta(hours=24)


def _seconds(name, default):
    return dt.timedelta(seconds=getattr(settings, name, default))


def lease():
    """How long a worker holds a claimed email before another may send it."""
    return _seconds("REGISTRATIONS_MAIL_LEASE_SECONDS", 600)


def retry_delay():
    return _seconds("REGISTRATIONS_MAIL_RETRY_SECONDS", 300)


def is_temporary(error):
    """A failure worth retrying: a 4xx answer, a refused or dropped connection, a timeout. A
    5xx answer (the address refused for good) is not."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(400 <= code < 500 for code, _ in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    return isinstance(error, OSError | smtplib.SMTPException)
