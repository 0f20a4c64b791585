"""Delete the personal data of registrants whose event or date ended more than
REGISTRATIONS_RETENTION_DAYS ago, and of shift sign-ups whose shift did
(registrations/retention.py). Run it daily; a second run in
the same day deletes nothing more."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from registrations import retention


class Command(BaseCommand):
    help = (
        "Delete registrants' names, emails and phones for events and meeting dates that ended "
        "more than --days days ago (default: settings.REGISTRATIONS_RETENTION_DAYS)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None)
        parser.add_argument("--dry-run", action="store_true", help="Count, delete nothing.")

    def handle(self, *args, days=None, dry_run=False, **options):
        if days is None:
            days = settings.REGISTRATIONS_RETENTION_DAYS
        if days < 1:
            raise CommandError("--days must be at least 1.")
        entries, count = retention.purge(days, dry_run=dry_run)
        signups = retention.purge_shift_signups(days, dry_run=dry_run)
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(
            f"{verb} the personal data of {count} registration(s) of {entries} event(s) or "
            f"date(s) that ended more than {days} days ago."
        )
        self.stdout.write(
            f"{verb} the personal data of {signups} shift sign-up(s) of shifts that ended more "
            f"than {days} days ago."
        )
