"""Re-provision every local's groups, collection and workflow, and the International's groups."""

from django.core.management.base import BaseCommand

from locals.provisioning import provision_all


class Command(BaseCommand):
    help = (
        "Create or repair the editors/moderators groups, collections and approval workflows of "
        "the International and every local. Safe to run again: prints only what it changed."
    )

    def handle(self, *args, **options):
        changes = provision_all()
        for line in changes:
            self.stdout.write(f"  {line}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Provisioned the International and every local ({len(changes)} change(s))."
            )
        )
