"""Registration for one event (an EventPage) or one date of a meeting series.

`RegistrationSettings` is the one row per event or per series date that says whether people
may register, how many places there are, until when, and for whom. It is also the row that a
registration locks (select_for_update, see services.register) so that two people taking the
last place at once get one place and one waitlist entry. Its owner is the local whose subtree
holds the page (locals.audience.owner_of_page), resolved from the page, never stored apart.
"""

from django.conf import settings as django_settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.models import AbstractFormField


class RegistrationSettings(models.Model):
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("event or meeting series"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    # The date of a meeting series this row is for; blank for an event (EventPage).
    date = models.DateField(_("meeting date"), null=True, blank=True)
    enabled = models.BooleanField(_("registration open"), default=True)
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Leave blank for no limit.")
    )
    deadline = models.DateTimeField(
        _("registration deadline"),
        null=True,
        blank=True,
        help_text=_("After this moment nobody can register. Leave blank: until it starts."),
    )
    members_only = models.BooleanField(
        _("members only"),
        default=False,
        help_text=_("Only the local's members (signed in) can register."),
    )
    # When, where and whether the event or date takes place, as its registrants were last told
    # (schedule.entry_state): publishing a change to it emails them (changes.py).
    announced = models.JSONField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("registration settings")
        verbose_name_plural = _("registration settings")
        constraints = [
            models.UniqueConstraint(
                fields=["page"], condition=Q(date__isnull=True), name="registration_one_per_event"
            ),
            models.UniqueConstraint(
                fields=["page", "date"],
                condition=Q(date__isnull=False),
                name="registration_one_per_date",
            ),
        ]

    def __str__(self):
        return f"{self.page_id} {self.date or ''}".strip()

    def save(self, *args, **kwargs):
        if self.announced is None and self.page_id:
            from .schedule import entry_state

            self.announced = entry_state(self.page.specific, self.date)
        super().save(*args, **kwargs)

    def confirmed_count(self):
        return self.registrations.filter(status=Registration.Status.CONFIRMED).count()

    def places_left(self):
        """None for no limit, else the free places (never below 0)."""
        if self.capacity is None:
            return None
        return max(0, self.capacity - self.confirmed_count())

    def is_closed(self, now=None):
        now = now or timezone.now()
        return not self.enabled or (self.deadline is not None and now >= self.deadline)


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Registered")
        WAITLISTED = "waitlisted", _("On the waitlist")
        CANCELLED = "cancelled", _("Cancelled")

    settings = models.ForeignKey(
        RegistrationSettings,
        verbose_name=_("event or date"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    name = models.CharField(_("name"), max_length=200)
    # Blank only for a walk-in added at the door without one, or after the retention period.
    email = models.EmailField(_("email"), max_length=254, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    user = models.ForeignKey(
        django_settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    promoted_at = models.DateTimeField(_("moved up from the waitlist at"), null=True, blank=True)
    # Mail is sent by a worker task after the row is committed; these say it went.
    confirmation_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    promotion_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Attendance (checkin.py): set by the host's check-in link; a walk-in was added at the door.
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    walk_in = models.BooleanField(_("walk-in"), default=False)
    # The retention period passed (retention.py): name, email and phone are gone, the row
    # stays so the entry's numbers (registered, attended) remain.
    erased_at = models.DateTimeField(_("personal data deleted at"), null=True, blank=True)
    # The reminder the day before (reminders.py): the start it is about, when the mail server
    # accepted it, and the lease of the worker sending it now (claimed in one UPDATE).
    reminder_start = models.DateTimeField(null=True, blank=True, editable=False)
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    reminder_lease_until = models.DateTimeField(null=True, blank=True, editable=False)
    # The answers to the entry's questions (RegistrationQuestion), by the question's
    # clean_name: a string, or a list of strings for checkboxes. Blanked by the retention.
    answers = models.JSONField(_("answers"), default=dict, blank=True)

    class Meta:
        verbose_name = _("registration")
        ordering = ["created_at", "pk"]
        constraints = [
            # A double submit (or a second tab) registers once: one live registration per
            # address per event or date; a cancelled one does not block registering again, nor
            # do walk-ins without an address (or rows whose address the retention erased).
            models.UniqueConstraint(
                "settings",
                Lower("email"),
                condition=~Q(status="cancelled") & ~Q(email=""),
                name="registration_once_per_email",
            ),
        ]

    def __str__(self):
        return f"{self.name} <{self.email}>"


class RegistrationQuestion(AbstractFormField):
    """An optional question on an entry's registration form, with Wagtail's form field types
    (a line of text, a choice, checkboxes...). It belongs to the event page, or to the meeting
    series page and so to every date of the series that takes registrations."""

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("event or meeting series"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta(AbstractFormField.Meta):
        verbose_name = _("registration question")


class CheckInLink(models.Model):
    """The host's private check-in address for one event or date (checkin.py): no account
    needed, so the address itself is the key. Only its SHA-256 is stored (the address is shown
    to staff once, when made); staff revoke it, and it stops working after the entry ends."""

    settings = models.ForeignKey(
        RegistrationSettings,
        verbose_name=_("event or date"),
        on_delete=models.CASCADE,
        related_name="checkin_links",
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey(
        django_settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("check-in link")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"check-in link {self.pk} of {self.settings_id}"


class ChangeMail(models.Model):
    """One email to one registrant about one published change to their event or date
    (changes.py): written in the publishing transaction, sent by the worker (claimed under a
    lease, marked sent once the mail server accepted it)."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="change_mails"
    )
    before = models.JSONField()
    after = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("change email to a registrant")
        ordering = ["pk"]

    def __str__(self):
        return f"change mail {self.pk} to registration {self.registration_id}"


class MailSweep(models.Model):
    """One row: when the worker's next sweep for reminders (and change emails left unsent) is
    due. The sweep task carries that time; a task whose time is no longer the row's is stale
    and does nothing, so the chain never doubles (reminders.ensure_sweep)."""

    next_run_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("registration mail sweep")

    def __str__(self):
        return f"next sweep {self.next_run_at}"


from .shift_models import Shift, ShiftSignup  # noqa: E402, F401 (models of this app)
