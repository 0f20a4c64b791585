"""Who is a member of which local: the roster each local uploads, and the accounts it admits.

Every row here belongs to one local (`local`): its staff see it, nobody else does
(docs/privacy.md, docs/admin-isolation.md). An account is a member of a local while a
`Membership` links them; the membership puts the account in the local's members group
(`LocalAccess.members`), which is what members-only pages and files check
(members.membership keeps the two in step).
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from locals.models import LocalPage


class RosterStatus(models.TextChoices):
    ACTIVE = "active", _("active")
    RETIRED = "retired", _("retired")
    LAPSED = "lapsed", _("lapsed")


# The statuses that make a roster row's email a member of its local.
MEMBER_STATUSES = (RosterStatus.ACTIVE, RosterStatus.RETIRED)

# The roster's fields a local maps its export's columns onto, in the order the admin shows them.
ROSTER_FIELDS = (
    "member_number",
    "first_name",
    "last_name",
    "email",
    "phone",
    "employer",
    "unit",
    "worksite",
    "postal_code",
    "status",
)


class RosterEntry(models.Model):
    """One member on a local's roster, as its membership system exported them."""

    local = models.ForeignKey(
        LocalPage, verbose_name=_("local"), on_delete=models.CASCADE, related_name="roster"
    )
    member_number = models.CharField(_("member number"), max_length=64)
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    # Stored lower-cased (members.membership.normalize_email): sign-in matches it exactly.
    email = models.EmailField(_("email"), max_length=254, blank=True, db_index=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    employer = models.CharField(_("employer"), max_length=200, blank=True)
    unit = models.CharField(_("unit"), max_length=200, blank=True)
    worksite = models.CharField(_("worksite"), max_length=200, blank=True)
    postal_code = models.CharField(_("ZIP or postal code"), max_length=20, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=RosterStatus.choices, default=RosterStatus.ACTIVE
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("roster entry")
        verbose_name_plural = _("roster")
        ordering = ["last_name", "first_name", "member_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["local", "member_number"], name="members_roster_unique_number"
            )
        ]

    def __str__(self):
        return f"{self.member_number} {self.first_name} {self.last_name}".strip()

    @property
    def is_member(self):
        return self.status in MEMBER_STATUSES


class RosterMapping(models.Model):
    """How a local's export names its columns: mapped once, remembered for the next upload."""

    local = models.OneToOneField(
        LocalPage, verbose_name=_("local"), on_delete=models.CASCADE, related_name="+"
    )
    # {roster field: the export's column heading}, for the fields of ROSTER_FIELDS.
    columns = models.JSONField(_("columns"), default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("roster column mapping")

    def __str__(self):
        return f"Roster columns of {self.local}"


class RosterImport(models.Model):
    """One upload of a local's roster: who, when, what it changed (the import history)."""

    local = models.ForeignKey(
        LocalPage, verbose_name=_("local"), on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    file_name = models.CharField(_("file"), max_length=255, blank=True)
    added = models.PositiveIntegerField(_("added"), default=0)
    changed = models.PositiveIntegerField(_("changed"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    lapsed = models.PositiveIntegerField(_("lapsed"), default=0)
    refused = models.PositiveIntegerField(_("refused"), default=0)

    class Meta:
        verbose_name = _("roster import")
        ordering = ["-created_at"]

    def __str__(self):
        return f"Roster import for {self.local} at {self.created_at:%Y-%m-%d %H:%M}"


def new_upload_token():
    return secrets.token_urlsafe(32)


class RosterUpload(models.Model):
    """A roster file between its preview and its confirmation.

    Kept in the database (web nodes share no disk, and the media folder is public), reachable
    only by its random token together with the local and the person who uploaded it; deleted
    when the import is applied, and replaced by the person's next upload for the local.
    """

    token = models.CharField(max_length=64, unique=True, default=new_upload_token)
    local = models.ForeignKey(LocalPage, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    file_name = models.CharField(max_length=255, blank=True)
    content = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("roster upload")

    def __str__(self):
        return f"Roster upload for {self.local_id}"


class MembershipSource(models.TextChoices):
    ROSTER = "roster", _("on the roster")
    VERIFIED = "verified", _("verified by staff")


class Membership(models.Model):
    """An account's membership of a local; while it exists the account is in the members group."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    local = models.ForeignKey(
        LocalPage, verbose_name=_("local"), on_delete=models.CASCADE, related_name="+"
    )
    roster_entry = models.ForeignKey(
        RosterEntry,
        verbose_name=_("roster entry"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="memberships",
    )
    source = models.CharField(_("source"), max_length=10, choices=MembershipSource.choices)
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        constraints = [
            models.UniqueConstraint(fields=["user", "local"], name="members_membership_unique")
        ]

    def __str__(self):
        return f"{self.user_id} in {self.local_id}"


class VerificationStatus(models.TextChoices):
    PENDING = "pending", _("waiting for review")
    APPROVED = "approved", _("approved")
    REFUSED = "refused", _("refused")


class VerificationRequest(models.Model):
    """Someone whose email is not on the roster asks a local's staff to admit them.

    Asked on a public form (members.verify), so there is no account yet: `email` is where they
    will sign in; `user` is the account once staff approve (members.verify.approve)."""

    email = models.EmailField(_("email"), max_length=254, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    local = models.ForeignKey(
        LocalPage, verbose_name=_("local"), on_delete=models.CASCADE, related_name="+"
    )
    member_number = models.CharField(_("member number"), max_length=64)
    last_name = models.CharField(_("last name"), max_length=100)
    postal_code = models.CharField(_("ZIP or postal code"), max_length=20)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=VerificationStatus.choices,
        default=VerificationStatus.PENDING,
    )
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("verification request")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.member_number} asks to join {self.local_id}"


def new_feed_token():
    return secrets.token_urlsafe(32)


class PersonalFeed(models.Model):
    """The secret of a member's personal calendar URL; resetting it makes the old URL a 404."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="personal_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("personal calendar feed")

    def __str__(self):
        return f"Personal feed of {self.user_id}"

    def reset(self):
        self.token = new_feed_token()
        self.save(update_fields=["token"])
