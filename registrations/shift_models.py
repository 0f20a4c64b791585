"""Shifts of an event (picket duty, a worksite visibility action): where, from when to when,
and how many people are needed; and the people who signed up for them.

A shift belongs to its event page (an EventPage) and so to the local whose subtree holds the
page, resolved from the page as for registrations, never stored apart. Signing up locks the
shift's row (select_for_update, see shift_services.sign_up), so two people taking the last
place at once get one place and one "full".
"""

from django.conf import settings as django_settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Shift(models.Model):
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    worksite = models.CharField(
        _("worksite or place"),
        max_length=200,
        help_text=_("Where people go, e.g. 'Como Clinic, main entrance'."),
    )
    # Aware datetimes; entered and shown in the event's time zone.
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    people_needed = models.PositiveIntegerField(_("people needed"))
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("shift")
        ordering = ["starts_at", "worksite", "pk"]
        indexes = [models.Index(fields=["page", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="shift_ends_after_it_starts"
            ),
            models.CheckConstraint(condition=Q(people_needed__gte=1), name="shift_needs_someone"),
        ]

    def __str__(self):
        return f"{self.worksite} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def hours(self):
        return (self.ends_at - self.starts_at).total_seconds() / 3600


class ShiftSignup(models.Model):
    shift = models.ForeignKey(
        Shift, verbose_name=_("shift"), on_delete=models.CASCADE, related_name="signups"
    )
    name = models.CharField(_("name"), max_length=200)
    # Blank only after the retention period (retention.py).
    email = models.EmailField(_("email"), max_length=254, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    user = models.ForeignKey(
        django_settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("signed up at"), default=timezone.now)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    # The confirmation is sent by a worker task after the row is committed; this says it went.
    confirmation_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The retention period after the shift passed (retention.py): name, email, phone and the
    # account link are gone; the row stays, so the shift's numbers remain.
    erased_at = models.DateTimeField(_("personal data deleted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("shift sign-up")
        ordering = ["created_at", "pk"]
        constraints = [
            # A double submit (or a second tab) signs up once per shift and address; a
            # cancelled sign-up does not block signing up again, nor do rows whose address
            # the retention erased.
            models.UniqueConstraint(
                "shift",
                Lower("email"),
                condition=Q(cancelled_at__isnull=True) & ~Q(email=""),
                name="shift_signup_once_per_email",
            ),
        ]

    def __str__(self):
        return f"{self.name} <{self.email}>"
