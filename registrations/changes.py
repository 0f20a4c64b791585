"""A published change to an event or a meeting date emails everyone registered for it
(confirmed or on the waitlist), whether or not they subscribed to alerts.

Hooked where alerts hooks its meeting-change notice: Wagtail's `page_published` (sweep.py). Each
RegistrationSettings row keeps the state its registrants were last told (`announced`); the
publish compares the page's state now (schedule.entry_state: start, end, cancelled, postponed,
place) with it. If it differs, the publishing transaction writes one ChangeMail per registrant
and the new `announced`, and the worker sends them (on commit, sweep.send_change_mails_task):
one publish, one email per registration. An event or date that was and is in the past sends
nothing. The .ics attached is the entry's feed at send time: the same UID, the SEQUENCE the
publish raised.
"""

import datetime as dt
import logging

from django.db.models import Q
from django.utils import timezone

from .models import ChangeMail, Registration, RegistrationSettings
from .schedule import differs, entry_state, start_of
from .timing import is_temporary, lease, retry_delay

logger = logging.getLogger(__name__)


def published(page):
    rows = list(RegistrationSettings.objects.filter(page_id=page.pk))
    if not rows:
        return None  # the entry takes no registrations: nothing to tell, nothing to re-aim
    page = type(page).objects.get(pk=page.pk)  # the published row, its per-date changes saved
    now = timezone.now()
    created = []
    for row in rows:
        after = entry_state(page, row.date)
        before = row.announced
        if before == after:
            continue
        RegistrationSettings.objects.filter(pk=row.pk).update(announced=after)
        if before is None or not differs(before, after):
            continue  # never told anything yet, or only the note changed
        if start_of(before) <= now and start_of(after) <= now:
            continue  # a past date
        registrants = row.registrations.exclude(status=Registration.Status.CANCELLED)
        created += ChangeMail.objects.bulk_create(
            ChangeMail(registration=registration, before=before, after=after)
            for registration in registrants
        )
    return created


def send_pending(now):
    """The sweep's part: change emails not sent (a failure, a killed worker) whose lease ran
    out, written in the last two days. True if one must be retried."""
    recent = now - dt.timedelta(days=2)
    return send(ChangeMail.objects.filter(created_at__gte=recent), now)


def send(mails, now=None):
    """Claim each unsent mail of `mails` (one conditional UPDATE, under a lease), send it, mark
    it sent. True if one failed for now (the sweep retries it)."""
    from . import mail as registration_mail

    now = now or timezone.now()
    free = Q(sent_at__isnull=True) & (Q(lease_until__isnull=True) | Q(lease_until__lt=now))
    retry = False
    for change_mail in mails.filter(free).select_related("registration__settings"):
        lease_until = now + lease()
        if not ChangeMail.objects.filter(free, pk=change_mail.pk).update(lease_until=lease_until):
            continue
        mine = ChangeMail.objects.filter(pk=change_mail.pk, lease_until=lease_until)
        if change_mail.registration.status == Registration.Status.CANCELLED:
            mine.update(sent_at=timezone.now(), lease_until=None)  # nobody to tell any more
            continue
        try:
            registration_mail.change_message(change_mail).send()
        except Exception as error:
            logger.warning("change mail %s failed: %s", change_mail.pk, error)
            if is_temporary(error):
                mine.update(lease_until=now + retry_delay())
                retry = True
            else:
                mine.update(sent_at=timezone.now(), lease_until=None)
            continue
        mine.update(sent_at=timezone.now(), lease_until=None)
    return retry
