"""Queue this week's digests now (each owner's once a week whatever is run), or with
--schedule start the weekly chain (alerts.digests) if the worker has not."""

from django.core.management.base import BaseCommand

from alerts import digests


class Command(BaseCommand):
    help = "Queue this week's digests (or --schedule the weekly task)."

    def add_arguments(self, parser):
        parser.add_argument("--schedule", action="store_true")

    def handle(self, *args, schedule=False, **options):
        if schedule:
            at = digests.ensure_scheduled()
            self.stdout.write(f"scheduled for {at.isoformat()}" if at else "already scheduled")
            return
        queued = digests.send_digests()
        self.stdout.write(f"{len(queued)} digests queued")
