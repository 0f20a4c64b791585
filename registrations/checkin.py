"""Check-in at the door: the host's private link, checking a person in (and undoing it), and
walk-ins.

The link needs no account, so its address is the key: 32 random bytes (`secrets`), of which
only the SHA-256 is stored (`CheckInLink.token_hash`); staff see the address once, when they
make it. A link works for its one event or date only, until staff revoke it or the entry has
ended (`CHECKIN_AFTER_END` later, for the host to tidy the list), whichever comes first; making
a new link revokes the old one. A revoked or expired link is a 410 page, an unknown one a 404.
"""

import datetime as dt
import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from .models import CheckInLink, Registration, RegistrationSettings

# How long after the entry's end the host may still check people in.
CHECKIN_AFTER_END = dt.timedelta(hours=6)


def _hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def entry_end(page, date):
    """When the event, or the series' date, ends; a moved date ends when its new time does
    (if that is later), so neither the link nor the registrants' data go early."""
    if date is None:
        return page.ends_at
    from events import recurrence

    end = page.original_start(date) + page.duration
    change = page.date_changes.filter(date=date).first()
    if change is not None and (change.new_date or change.new_start_time):
        moved = recurrence.aware(
            change.new_date or date, change.new_start_time or page.start_time, page.time_zone
        )
        end = max(end, moved + page.duration)
    return end


def link_expires_at(settings):
    return entry_end(settings.page.specific, settings.date) + CHECKIN_AFTER_END


def create_link(settings, user=None):
    """A new link for `settings` (the previous one stops working); returns (link, token)."""
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        revoke_links(settings)
        link = CheckInLink.objects.create(
            settings=settings, token_hash=_hash(token), created_by=user
        )
    return link, token


def revoke_links(settings):
    return CheckInLink.objects.filter(settings=settings, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def active_link(settings):
    return settings.checkin_links.filter(revoked_at__isnull=True).first()


class LinkGone(Exception):
    """The link was revoked or has expired (410)."""

    def __init__(self, link, reason):
        super().__init__(reason)
        self.link = link
        self.reason = reason


def link_for_token(token):
    """The live link a token names; None for a token nobody made; LinkGone for a revoked or
    expired one."""
    if not token or len(token) > 100:
        return None
    link = (
        CheckInLink.objects.select_related("settings", "settings__page")
        .filter(token_hash=_hash(token))
        .first()
    )
    if link is None:
        return None
    if link.revoked_at is not None:
        raise LinkGone(link, "revoked")
    if timezone.now() >= link_expires_at(link.settings):
        raise LinkGone(link, "expired")
    return link


def present(settings):
    """The registrations a host sees: registered (walk-ins included) and waitlisted."""
    return settings.registrations.exclude(status=Registration.Status.CANCELLED).filter(
        erased_at__isnull=True
    )


def check_in(settings, registration_id, undo=False):
    """Check one of `settings`' registrants in (or undo it); returns the registration, or None
    if it is not one of this entry's. Checking in twice keeps the first time."""
    registration = present(settings).filter(pk=registration_id).first()
    if registration is None:
        return None
    if undo:
        present(settings).filter(pk=registration.pk).update(checked_in_at=None)
    else:
        present(settings).filter(pk=registration.pk, checked_in_at__isnull=True).update(
            checked_in_at=timezone.now()
        )
    registration.refresh_from_db()
    return registration


def add_walk_in(settings, *, name, email="", phone=""):
    """Someone who turns up at the door: registered and checked in at once, past the capacity
    if need be (they are in the room). An address already registered for the entry checks that
    registration in instead (returns (registration, False)); no mail is sent."""
    email = email.strip()
    now = timezone.now()
    with transaction.atomic():
        locked = RegistrationSettings.objects.select_for_update().get(pk=settings.pk)
        if email:
            existing = present(locked).filter(email__iexact=email).first()
            if existing is not None:
                if existing.checked_in_at is None:
                    existing.checked_in_at = now
                    existing.save(update_fields=["checked_in_at"])
                return existing, False
        registration = Registration.objects.create(
            settings=locked,
            name=name,
            email=email,
            phone=phone,
            status=Registration.Status.CONFIRMED,
            walk_in=True,
            checked_in_at=now,
        )
    return registration, True
