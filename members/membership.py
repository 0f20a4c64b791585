"""Keep `Membership` rows and the locals' members groups in step.

A membership exists while the account's email is on an active (or retired) row of the local's
roster, or while staff have verified the person (`MembershipSource.VERIFIED`). Every grant and
revoke goes through here, so the members group (`LocalAccess.members`, what members-only pages
and files check) never disagrees with the memberships.
"""

from django.db import transaction
from django.db.models import Q

from locals.models import LocalAccess

from .models import (
    MEMBER_STATUSES,
    Membership,
    MembershipSource,
    RosterEntry,
    VerificationRequest,
    VerificationStatus,
)


def normalize_email(email):
    """The form an email is stored and matched in: stripped and lower-cased."""
    return (email or "").strip().lower()


def _members_group(local):
    access = LocalAccess.objects.filter(local=local).select_related("members").first()
    return access.members if access is not None else None


@transaction.atomic
def grant(user, local, *, entry=None, source=MembershipSource.ROSTER):
    """Make `user` a member of `local` (idempotent); returns the membership."""
    membership, created = Membership.objects.get_or_create(
        user=user, local=local, defaults={"roster_entry": entry, "source": source}
    )
    if not created and entry is not None and membership.roster_entry_id != entry.pk:
        membership.roster_entry = entry
        membership.save(update_fields=["roster_entry"])
    group = _members_group(local)
    if group is not None:
        user.groups.add(group)
    return membership


@transaction.atomic
def revoke(user, local):
    """End `user`'s membership of `local` and take them out of its members group. Their
    reviewed verification requests to `local` go with it (privacy: a member removed is removed
    with their history); a pending one, asked since, stays for the staff to review."""
    Membership.objects.filter(user=user, local=local).delete()
    group = _members_group(local)
    if group is not None:
        user.groups.remove(group)
    forget_verifications(local, user=user, keep_pending=True)


def forget_verifications(local, *, user=None, email="", member_number="", keep_pending=False):
    """Delete `local`'s verification requests made by a member being removed: those of their
    account, their email (the account's, or the roster row's) or their member number. Returns
    how many were deleted."""
    email = normalize_email(email or (user.email if user is not None else ""))
    match = [Q(user=user)] if user is not None else []
    match += [Q(email=email)] if email else []
    match += [Q(member_number=member_number)] if member_number else []
    if not match:
        return 0
    condition = match.pop()
    for other in match:
        condition |= other
    requests = VerificationRequest.objects.filter(condition, local=local)
    if keep_pending:
        requests = requests.exclude(status=VerificationStatus.PENDING)
    return requests.delete()[0]


def member_rows(email):
    """The roster rows, in every local, that make `email` a member."""
    email = normalize_email(email)
    if not email:
        return RosterEntry.objects.none()
    return RosterEntry.objects.filter(email=email, status__in=MEMBER_STATUSES)


@transaction.atomic
def sync_from_roster(user):
    """Grant the memberships `user`'s email earns on the rosters and end the ones it lost.

    Verified memberships stay until staff end them. Returns the locals the user is a member of.
    """
    rows = {row.local_id: row for row in member_rows(user.email).select_related("local")}
    for row in rows.values():
        grant(user, row.local, entry=row)
    lost = Membership.objects.filter(user=user, source=MembershipSource.ROSTER).exclude(
        local_id__in=rows
    )
    for membership in list(lost.select_related("local")):
        revoke(user, membership.local)
    return [m.local for m in Membership.objects.filter(user=user).select_related("local")]


@transaction.atomic
def end_lapsed(local):
    """After an import: end the roster memberships of `local` whose row lapsed or went away.

    Returns how many memberships ended."""
    ended = 0
    memberships = Membership.objects.filter(local=local, source=MembershipSource.ROSTER)
    for membership in list(memberships.select_related("user", "roster_entry")):
        entry = membership.roster_entry
        still = (
            entry is not None
            and entry.status in MEMBER_STATUSES
            and entry.email == normalize_email(membership.user.email)
        )
        if not still:
            revoke(membership.user, local)
            ended += 1
    return ended
