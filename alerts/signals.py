"""Publishing a meeting series queues its change notice (alerts.meeting_changes)."""

from wagtail.signals import page_published


def on_published(sender, instance, **kwargs):
    from events.models import MeetingSeriesPage

    if isinstance(instance, MeetingSeriesPage):
        from . import meeting_changes

        meeting_changes.published(instance)


def connect():
    from django.db.models.signals import post_save
    from wagtail.contrib.forms.models import FormSubmission

    from . import action_teams, webhooks

    page_published.connect(on_published, dispatch_uid="alerts_published")
    post_save.connect(
        action_teams.on_submission_saved, sender=FormSubmission, dispatch_uid="alerts_sign_ups"
    )
    webhooks.connect()
