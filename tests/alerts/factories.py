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


def owned_alert(label, subject=None):
    """A submitted action alert of the section, for its own list, linking a petition under it."""
    from alerts.models import ActionAlert
    from tests.actions.factories import ActionPageFactory

    local = _local(label)
    if local is None:
        from opeiu_site.core.sections import international_roots

        parent = international_roots().first()
    else:
        parent = local
    # Live and public (anyone may link it), so no private marker in its title.
    petition = ActionPageFactory(parent=parent, title=f"Staffing petition {label}",
                                 slug=f"staffing-petition-{label}")  # fmt: skip
    petition.save_revision().publish()
    alert = ActionAlert.objects.create(
        local=local,
        subject=subject or f"Zephyr {label} quorum alert",
        text="Zephyr quorum call.",
        action_page=petition,
        status=ActionAlert.SUBMITTED,
    )
    alert.mailing_lists.add(owned_list(label, f"Zephyr {label} quorum alert list"))
    return alert
