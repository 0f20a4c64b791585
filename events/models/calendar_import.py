"""One admin import of an .ics file into a calendar, run by the task worker
(events/import_jobs.py): the file as uploaded, its owner (the calendar's section: a local or
the International), who started it, and how far it got."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CalendarImport(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting for the task worker")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Failed")

    calendar = models.ForeignKey(
        "events.EventIndexPage", on_delete=models.CASCADE, related_name="imports"
    )
    # The owner: the section root (a LocalPage, or the International's HomePage) of the
    # calendar when the file was uploaded.
    section = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    file_name = models.CharField(_("file"), max_length=255, blank=True)
    # The file's text until the import has finished (emptied then: it may be 2 MB).
    content = models.TextField(blank=True)
    publish = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    # Each run (the first, and each restart after a stopped worker) is a new attempt; a run
    # writes only while its attempt is the current one.
    attempt = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(null=True, blank=True)  # events in the file
    done = models.PositiveIntegerField(default=0)
    # The plan's totals ("create", "update", "unchanged", "unpublish") and its warnings.
    result = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    # Written with each progress report: a run that has not reported for
    # EVENTS_IMPORT_STALLED_SECONDS has stopped (its worker was killed).
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("calendar import")

    def __str__(self):
        return f"{self.file_name or 'import'} → {self.calendar_id} ({self.status})"

    @property
    def finished(self):
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def stalled(self):
        """A run that stopped without finishing (its worker was killed): nothing of it was
        saved (an import is one transaction), and it may be started again."""
        if self.status != self.Status.RUNNING:
            return False
        last = self.heartbeat_at or self.started_at or self.created_at
        seconds = (timezone.now() - last).total_seconds()
        return seconds > settings.EVENTS_IMPORT_STALLED_SECONDS

    @property
    def waiting_long(self):
        """Queued for longer than a run may stay silent: no task worker is taking it."""
        if self.status != self.Status.QUEUED:
            return False
        seconds = (timezone.now() - (self.heartbeat_at or self.created_at)).total_seconds()
        return seconds > settings.EVENTS_IMPORT_STALLED_SECONDS

    @property
    def percent(self):
        if not self.total:
            return 0
        return min(100, round(100 * self.done / self.total))
