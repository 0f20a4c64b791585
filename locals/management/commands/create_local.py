"""Create a local with its news, calendar and benefits pages, groups, collection and workflow."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from locals.choices import LocalKind
from locals.lifecycle import create_local
from opeiu_site.core.time_zones import validate_time_zone


class Command(BaseCommand):
    help = (
        "Create a local (or guild) under the locals directory, with its News, Meetings and "
        "events and Benefits pages; its editors/moderators groups, media collection and "
        "approval workflow are provisioned with it. Saved as drafts unless --publish."
    )

    def add_arguments(self, parser):
        parser.add_argument("number", type=int)
        parser.add_argument("--kind", choices=LocalKind.values, default=LocalKind.LOCAL)
        parser.add_argument("--title", default="")
        parser.add_argument("--city", default="")
        parser.add_argument("--state", default="", help="two-letter state or province code")
        parser.add_argument("--email", default="", help="the local's contact email")
        parser.add_argument("--time-zone", default="America/New_York")
        parser.add_argument("--publish", action="store_true")

    def handle(self, *args, **options):
        try:
            validate_time_zone(options["time_zone"])
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        try:
            local = create_local(
                number=options["number"],
                kind=options["kind"],
                title=options["title"],
                city=options["city"],
                state_province=options["state"],
                email=options["email"],
                time_zone=options["time_zone"],
                publish=options["publish"],
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        state = "published" if options["publish"] else "saved as drafts"
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {local.label} at {local.url_path} ({state}) with its news, calendar "
                f"and benefits pages, groups “{local.label} editors/moderators”, collection "
                f"and workflow."
            )
        )
