"""Lists, subscriptions, notices and one delivery row per (notice, address).

A list is owned by a local (its LocalPage) or by the International (no local): its subscribers
are that owner's to see. A subscription is double opt-in: `pending` until its owner follows the
link in the confirmation email (the only email a pending address ever gets). A notice is one
thing to send; its deliveries are the queue the worker drains (alerts.sending), one row per
address, unique, so that nobody is sent a notice twice whatever is restarted.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def new_token():
    return secrets.token_urlsafe(32)


class Topic(models.TextChoices):
    NEWS = "news", _("News")
    MEETINGS = "meetings", _("Meeting changes (all meetings)")
    SERIES = "series", _("Meeting changes (one series)")
    ACTIONS = "actions", _("Action alerts")


class MailingList(models.Model):
    local = models.ForeignKey(
        "locals.LocalPage",
        verbose_name=_("local"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Blank: the International's list."),
    )
    topic = models.CharField(_("topic"), max_length=16, choices=Topic.choices)
    series = models.ForeignKey(
        "events.MeetingSeriesPage",
        verbose_name=_("meeting series"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    # An action team's list: the sign-up page whose sign-ups it holds (alerts.action_teams).
    action_page = models.ForeignKey(
        "actions.ActionPage",
        verbose_name=_("action team page"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    name = models.CharField(_("name"), max_length=255)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("mailing list")
        ordering = ["name"]
        indexes = [models.Index(fields=["local", "topic"])]

    def __str__(self):
        return self.name


class Subscription(models.Model):
    PENDING, CONFIRMED, UNSUBSCRIBED = "pending", "confirmed", "unsubscribed"
    STATUS_CHOICES = [
        (PENDING, _("waiting for confirmation")),
        (CONFIRMED, _("confirmed")),
        (UNSUBSCRIBED, _("unsubscribed")),
    ]

    mailing_list = models.ForeignKey(
        MailingList,
        verbose_name=_("list"),
        on_delete=models.CASCADE,
        related_name="subscriptions",
    )
    email = models.EmailField(_("email"))
    status = models.CharField(_("status"), max_length=16, choices=STATUS_CHOICES, default=PENDING)
    # In every link of every email to this address for this list: confirm and unsubscribe.
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    # What the person agreed to, in words, and where ("Email me changes" on <page URL>).
    consent = models.CharField(_("consent"), max_length=500, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("subscribed"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)

    class Meta:
        verbose_name = _("subscriber")
        constraints = [
            models.UniqueConstraint(fields=["mailing_list", "email"], name="one_subscription")
        ]

    def __str__(self):
        return self.email


class Suppression(models.Model):
    """An address nothing is sent to any more: a hard bounce, a spam complaint."""

    email = models.EmailField(_("email"), unique=True)
    reason = models.CharField(_("reason"), max_length=32)
    detail = models.TextField(_("detail"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("suppressed address")

    def __str__(self):
        return f"{self.email} ({self.reason})"


class Notice(models.Model):
    MEETING_CHANGE, ACTION, DIGEST, TEST = "meeting_change", "action", "digest", "test"
    KIND_CHOICES = [
        (MEETING_CHANGE, _("meeting change")),
        (ACTION, _("action alert")),
        (DIGEST, _("digest")),
        (TEST, _("test")),
    ]
    QUEUED, SENDING, DONE = "queued", "sending", "done"
    STATUS_CHOICES = [(QUEUED, _("queued")), (SENDING, _("sending")), (DONE, _("done"))]

    kind = models.CharField(_("kind"), max_length=16, choices=KIND_CHOICES)
    local = models.ForeignKey(
        "locals.LocalPage",
        verbose_name=_("local"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    mailing_lists = models.ManyToManyField(MailingList, verbose_name=_("lists"), related_name="+")
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    # What the worker renders the email from (a meeting change: the series and its changes).
    series = models.ForeignKey(
        "events.MeetingSeriesPage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    data = models.JSONField(default=dict, blank=True)
    # The email as rendered once by the worker; each recipient's footer is added per message.
    text = models.TextField(blank=True)
    html = models.TextField(blank=True)
    ics = models.TextField(blank=True)
    status = models.CharField(_("status"), max_length=16, choices=STATUS_CHOICES, default=QUEUED)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # When the worker's next run for this notice is due (see alerts.sending.ensure_followup).
    followup_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notice")
        ordering = ["-created_at"]

    def __str__(self):
        return self.subject or f"{self.get_kind_display()} {self.pk}"


class Delivery(models.Model):
    QUEUED, SENDING, SENT = "queued", "sending", "sent"
    FAILED, BOUNCED, SKIPPED = "failed", "bounced", "skipped"
    STATUS_CHOICES = [
        (QUEUED, _("queued")),
        (SENDING, _("sending")),
        (SENT, _("sent")),
        (FAILED, _("failed")),
        (BOUNCED, _("bounced")),
        (SKIPPED, _("skipped (unsubscribed before sending)")),
    ]

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="deliveries")
    email = models.EmailField()
    subscription = models.ForeignKey(
        Subscription, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=16, choices=STATUS_CHOICES, default=QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    # A worker that claimed the row sends it before this time or leaves it to the next run.
    lease_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    message_id = models.CharField(max_length=255, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["notice", "email"], name="one_delivery_per_address")
        ]
        indexes = [models.Index(fields=["notice", "status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.email}: {self.status}"


class SeriesSnapshot(models.Model):
    """A series' per-date changes as last announced: the next publish is compared with it, so
    only what a publish really changed is emailed (re-publishing sends nothing)."""

    series = models.OneToOneField(
        "events.MeetingSeriesPage", on_delete=models.CASCADE, related_name="+"
    )
    changes = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"series {self.series_id}"


class ActionAlert(models.Model):
    """An action alert a local's (or the International's) staff write: a subject, a short text
    and one call to action (an action page or petition), for lists that owner owns. A moderator
    of the owner approves it, which queues its one notice (alerts.action_alerts); an alert is
    sent once, whatever is clicked again."""

    DRAFT, SUBMITTED, SENT = "draft", "submitted", "sent"
    STATUS_CHOICES = [
        (DRAFT, _("draft")),
        (SUBMITTED, _("awaiting approval")),
        (SENT, _("approved and sent")),
    ]

    local = models.ForeignKey(
        "locals.LocalPage",
        verbose_name=_("local"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Blank: the International's alert."),
    )
    subject = models.CharField(_("subject"), max_length=150)
    text = models.TextField(
        _("text"), max_length=1500, help_text=_("A few short paragraphs, plain text.")
    )
    action_page = models.ForeignKey(
        "actions.ActionPage",
        verbose_name=_("call to action"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The action page or petition the button opens."),
    )
    button = models.CharField(_("button text"), max_length=60, default="Take action")
    mailing_lists = models.ManyToManyField(MailingList, verbose_name=_("send to"), related_name="+")
    status = models.CharField(_("status"), max_length=16, choices=STATUS_CHOICES, default=DRAFT)
    # Raised by every save of the text: an approval names the version the moderator saw.
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    # The one notice the approval queued (unique: an alert cannot have a second).
    notice = models.OneToOneField(
        Notice, null=True, blank=True, on_delete=models.SET_NULL, related_name="action_alert"
    )

    class Meta:
        verbose_name = _("action alert")
        ordering = ["-created_at"]

    def __str__(self):
        return self.subject


class DigestRun(models.Model):
    """One weekly digest of one owner (a local, or the International: `owner` is "local-<id>"
    or "international"): unique per week, so a digest is never sent twice in a week."""

    owner = models.CharField(max_length=32)
    week = models.CharField(max_length=10)  # ISO year and week, "2031-W24"
    local = models.ForeignKey(
        "locals.LocalPage", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    notice = models.OneToOneField(Notice, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner", "week"], name="one_digest_a_week")]

    def __str__(self):
        return f"{self.owner} {self.week}"
