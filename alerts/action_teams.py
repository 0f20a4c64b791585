"""Action Team sign-ups (the Member and Retiree Action Teams: ActionPages of kind "sign-up")
are subscribers of the team's list, not a dead table.

A new sign-up with its consent box ticked becomes a *pending* subscriber of its page's list and
gets the confirmation email (double opt-in, like every list); its consent is the page's consent
line, word for word, with where and when. Sign-ups stored before this app existed are brought in
by `manage.py alerts_import_sign_ups` (pending, so each gets a confirmation; `--confirmed` takes
the consent on record as enough)."""

from django.db import transaction
from django.utils import dateformat

from actions import spam
from actions.choices import ActionKind
from actions.models import ActionPage

from . import subscriptions
from .meeting_changes import owner_local
from .models import MailingList, Topic


def team_list(page):
    local = owner_local(page)
    found = MailingList.objects.filter(topic=Topic.ACTIONS, action_page=page).first()
    if found is None:
        found = MailingList.objects.create(
            local=local, topic=Topic.ACTIONS, action_page=page, name=page.title
        )
    return found


def _email(page, data):
    name = page.email_field_name()
    return (data.get(name) or "").strip() if name else ""


def from_submission(submission, confirmed=False):
    """The subscription a sign-up makes (None: not a team sign-up, no consent, no email), and
    whether it needs the confirmation email."""
    page = submission.page.specific
    if not isinstance(page, ActionPage) or page.kind != ActionKind.SIGN_UP:
        return None, False
    data = submission.form_data or {}
    email = _email(page, data)
    if not email or not data.get(spam.CONSENT_FIELD):
        return None, False
    when = dateformat.format(submission.submit_time, "N j, Y")
    consent = f"“{page.consent_text}” ticked on {page.url_path} on {when}"
    return subscriptions.subscribe(team_list(page), email, consent, confirmed=confirmed)


def on_submission_saved(sender, instance, created, **kwargs):
    if not created:
        return
    subscription, needs_confirmation = from_submission(instance)
    if subscription is not None and needs_confirmation:
        from .tasks import send_confirmation_task

        transaction.on_commit(lambda: send_confirmation_task.enqueue(subscription.pk))
