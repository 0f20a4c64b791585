"""Delete action-page submissions older than a number of days (personal data kept no longer
than needed). Petitions keep their signature count: deletions are tallied per page."""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Count, F
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission

from actions.models import ActionPage, PurgedSubmissions


class Command(BaseCommand):
    help = (
        "Delete sign-up and petition submissions older than --days days "
        "(default: settings.ACTIONS_SUBMISSION_RETENTION_DAYS)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None)
        parser.add_argument("--dry-run", action="store_true", help="Count, delete nothing.")

    def handle(self, *args, days=None, dry_run=False, **options):
        if days is None:
            days = settings.ACTIONS_SUBMISSION_RETENTION_DAYS
        if days < 1:
            raise CommandError("--days must be at least 1.")
        cutoff = timezone.now() - timedelta(days=days)
        old = FormSubmission.objects.filter(
            page__content_type=ContentType.objects.get_for_model(ActionPage),
            submit_time__lt=cutoff,
        )
        with transaction.atomic():
            per_page = list(old.values("page_id").annotate(n=Count("id")).order_by())
            total = sum(row["n"] for row in per_page)
            if not dry_run:
                for row in per_page:
                    tally, _ = PurgedSubmissions.objects.get_or_create(page_id=row["page_id"])
                    PurgedSubmissions.objects.filter(pk=tally.pk).update(
                        count=F("count") + row["n"]
                    )
                old.delete()
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(f"{verb} {total} submission(s) older than {days} days.")
