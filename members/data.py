"""What the site stores about one member ("My data"), and deleting their account.

Everything listed here is what docs/privacy.md says is stored: the account, its memberships,
the roster rows of its email (the locals' records, shown to the member but kept when the
account goes), its verification requests and its personal calendar feed. Other apps add
theirs through the `personal_data_sections` hook (a function of the user returning
{section: JSON-ready value}), as registrations does: the person's registrations and shifts."""

from django.db import transaction
from wagtail import hooks

from .membership import normalize_email, revoke
from .models import Membership, PersonalFeed, RosterEntry, VerificationRequest

PERSONAL_DATA_HOOK = "personal_data_sections"


def _when(value):
    return value.isoformat() if value else None


def is_staff_account(user):
    """Staff accounts (the admin) are removed by an administrator, not from "My data": their
    pages, revisions and moderation history point at them."""
    return user.is_staff or user.is_superuser or user.has_perm("wagtailadmin.access_admin")


def collect(user):
    """A plain dict (JSON-ready) of everything stored about `user`."""
    email = normalize_email(user.email)
    rows = (
        RosterEntry.objects.filter(email=email).select_related("local").order_by("local__number")
        if email
        else RosterEntry.objects.none()
    )
    memberships = Membership.objects.filter(user=user).select_related("local")
    requests = VerificationRequest.objects.filter(user=user).select_related("local")
    personal_feed = PersonalFeed.objects.filter(user=user).first()
    collected = {
        "account": {
            "email": user.email,
            "username": user.get_username(),
            "first_name": user.first_name,
            "last_name": user.last_name,
            "joined": _when(user.date_joined),
            "last_sign_in": _when(user.last_login),
        },
        "memberships": [
            {
                "local": m.local.label,
                "since": _when(m.created_at),
                "how": m.get_source_display(),
            }
            for m in memberships.order_by("local__number")
        ],
        "roster_entries": [
            {
                "local": row.local.label,
                "member_number": row.member_number,
                "first_name": row.first_name,
                "last_name": row.last_name,
                "email": row.email,
                "phone": row.phone,
                "employer": row.employer,
                "unit": row.unit,
                "worksite": row.worksite,
                "postal_code": row.postal_code,
                "status": row.get_status_display(),
                "added": _when(row.created_at),
                "changed": _when(row.updated_at),
            }
            for row in rows
        ],
        "verification_requests": [
            {
                "local": r.local.label,
                "member_number": r.member_number,
                "last_name": r.last_name,
                "postal_code": r.postal_code,
                "status": r.get_status_display(),
                "asked": _when(r.created_at),
                "reviewed": _when(r.reviewed_at),
            }
            for r in requests
        ],
        "calendar_feed": (
            {"created": _when(personal_feed.created_at), "address_is_secret": True}
            if personal_feed
            else None
        ),
    }
    for sections in hooks.get_hooks(PERSONAL_DATA_HOOK):
        collected.update(sections(user))
    return collected


@transaction.atomic
def delete_account(user):
    """Delete the account, its memberships (through membership.revoke: the members groups
    follow), its verification requests and its feed. Roster rows stay: they are the local's
    record of its members, which the local's staff keep or remove."""
    for membership in list(Membership.objects.filter(user=user).select_related("local")):
        revoke(user, membership.local)
    VerificationRequest.objects.filter(user=user).delete()
    PersonalFeed.objects.filter(user=user).delete()
    user.delete()
