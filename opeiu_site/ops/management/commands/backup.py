from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from opeiu_site.ops.backups import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database and media into a new folder (see README, 'Backups')."

    def add_arguments(self, parser):
        parser.add_argument(
            "destination",
            nargs="?",
            help="folder to create (default: backups/<timestamp>)",
        )

    def handle(self, destination=None, **options):
        destination = destination or f"backups/{timezone.now():%Y%m%d-%H%M%S}"
        try:
            manifest = backup(destination)
        except (BackupError, FileExistsError) as error:
            raise CommandError(str(error)) from error
        counts = ", ".join(f"{value} {name}" for name, value in manifest["counts"].items())
        self.stdout.write(self.style.SUCCESS(f"Backed up to {destination}: {counts}"))
