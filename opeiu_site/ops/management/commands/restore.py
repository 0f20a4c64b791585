from django.core.management.base import BaseCommand, CommandError

from opeiu_site.ops.backups import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a backup folder into the configured database and MEDIA_ROOT (or the ones "
        "given), then check counts and files against the backup's manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="a folder written by `manage.py backup`")
        parser.add_argument("--database-url", help="restore into this database instead")
        parser.add_argument("--media-root", help="restore media here instead of MEDIA_ROOT")

    def handle(self, source, database_url=None, media_root=None, **options):
        try:
            problems = restore(source, database_url=database_url, media_root=media_root)
        except BackupError as error:
            raise CommandError(str(error)) from error
        if problems:
            raise CommandError("Restore incomplete:\n  " + "\n  ".join(problems))
        self.stdout.write(self.style.SUCCESS(f"Restored {source}; counts and files check out."))
