"""Daily cron job: keep meeting series materialised up to 18 months ahead."""

from django.core.management.base import BaseCommand

from events.occurrences import extend_all, horizon_date


class Command(BaseCommand):
    help = "Materialise meeting series' occurrences up to the horizon (run daily from cron)."

    def handle(self, *args, **options):
        count = extend_all()
        self.stdout.write(f"{count} occurrences up to {horizon_date():%Y-%m-%d}.")
