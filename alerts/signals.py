"""Publishing a meeting series queues its change notice (alerts.meeting_changes)."""

from wagtail.signals import page_published


def on_published(sender, instance, **kwargs):
    from events.models import MeetingSeriesPage

    if isinstance(instance, MeetingSeriesPage):
        from . import meeting_changes

        meeting_changes.published(instance)


def connect():
    from . import webhooks

    page_published.connect(on_published, dispatch_uid="alerts_published")
    webhooks.connect()
