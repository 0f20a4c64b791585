"""manage.py import_ics CALENDAR SOURCE [--dry-run] [--publish]: import an .ics file (or an
https URL where EVENTS_IMPORT_ALLOW_URLS is on) into one calendar page."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from events.importer import ImportFileError, fetch, import_ics, report
from events.models import EventIndexPage


class Command(BaseCommand):
    help = "Import an iCalendar file or URL into a calendar (a dry run lists what would change)."

    def add_arguments(self, parser):
        parser.add_argument("calendar", help="The calendar page: its id or its URL path.")
        parser.add_argument("source", help="An .ics file, or an https:// URL.")
        parser.add_argument("--dry-run", action="store_true", help="Change nothing.")
        parser.add_argument("--publish", action="store_true", help="Publish (else drafts).")
        parser.add_argument("--user", help="Username recorded on the revisions.")

    def handle(self, calendar, source, dry_run, publish, user=None, **options):
        page = self._calendar(calendar)
        account = None
        if user:
            account = get_user_model().objects.filter(username=user).first()
            if account is None:
                raise CommandError(f"No user named {user!r}.")
        try:
            if source.startswith(("http://", "https://")):
                data = fetch(source)
            else:
                path = Path(source)
                if not path.is_file():
                    raise CommandError(f"No such file: {source}")
                data = path.read_bytes()
            result = import_ics(data, page, user=account, publish=publish, dry_run=dry_run)
        except ImportFileError as error:
            raise CommandError(f"Nothing imported: {error}") from error
        for line in report(result):
            self.stdout.write(line)
        self.stdout.write("Dry run: nothing was changed." if dry_run else "Imported.")

    def _calendar(self, ref):
        pages = EventIndexPage.objects.all()
        if ref.isdigit():
            page = pages.filter(pk=int(ref)).first()
        else:
            wanted = "/" + ref.strip("/") + "/"
            found = [p for p in pages if p.url_path.endswith(wanted)]
            if len(found) > 1:
                raise CommandError(f"More than one calendar ends in {wanted}; use its id.")
            page = found[0] if found else None
        if page is None:
            raise CommandError(f"No calendar page {ref!r}.")
        return page
