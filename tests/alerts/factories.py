"""Alerts objects owned by a section, for the admin isolation matrix and the admin tests."""

from django.utils import timezone

from alerts.models import Delivery, MailingList, Notice, Subscription, Topic
from locals.models import LocalPage


def _local(label):
    """Local `label` ("212"), or None for the International ("international")."""
    return LocalPage.objects.filter(number=int(label)).first() if label.isdigit() else None


def owned_list(label, name=None):
    mailing_list = MailingList.objects.create(
        local=_local(label), topic=Topic.NEWS, name=name or f"Zephyr {label} quorum list"
    )
    Subscription.objects.create(
        mailing_list=mailing_list, email=f"zephyr-{label}@example.org", status="confirmed"
    )
    return mailing_list


def owned_notice(label, subject=None):
    notice = Notice.objects.create(
        kind=Notice.ACTION,
        local=_local(label),
        subject=subject or f"Zephyr {label} quorum notice",
        status=Notice.DONE,
    )
    now = timezone.now()
    Delivery.objects.create(notice=notice, email=f"sent-{label}@example.org", status="sent",
                            next_attempt_at=now)  # fmt: skip
    Delivery.objects.create(
        notice=notice,
        email=f"zephyr-{label}-bounced@example.org",
        status="bounced",
        next_attempt_at=now,
        error="550 zephyr no such user",
    )
    return notice
