"""Bring the Action Team sign-ups stored so far into their teams' lists (alerts.action_teams)."""

from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.contrib.forms.models import FormSubmission

from actions.choices import ActionKind
from actions.models import ActionPage
from alerts.action_teams import from_submission
from alerts.tasks import send_confirmation_task


class Command(BaseCommand):
    help = "Make Action Team sign-ups with consent subscribers of their team's list."

    def add_arguments(self, parser):
        parser.add_argument(
            "--confirmed",
            action="store_true",
            help="Take the consent on record as confirmed (no confirmation email).",
        )

    def handle(self, *args, confirmed=False, **options):
        pages = ActionPage.objects.filter(kind=ActionKind.SIGN_UP)
        made = queued = 0
        for submission in FormSubmission.objects.filter(page__in=pages).order_by("pk"):
            with transaction.atomic():
                subscription, needs_confirmation = from_submission(submission, confirmed)
                if subscription is None:
                    continue
                made += 1
                if needs_confirmation:
                    queued += 1
                    transaction.on_commit(
                        lambda pk=subscription.pk: send_confirmation_task.enqueue(pk)
                    )
        self.stdout.write(f"{made} sign-ups are subscribers; {queued} confirmations queued.")
