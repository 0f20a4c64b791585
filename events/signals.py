"""Keep occurrences and the iCal SEQUENCE in step with publishing."""

from django.db.models import F
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import notices, occurrences
from .models import EventPage, MeetingSeriesPage


def on_published(sender, instance, **kwargs):
    if isinstance(instance, EventPage | MeetingSeriesPage):
        # Each published change is a new version for calendar clients (iCal SEQUENCE).
        type(instance).objects.filter(pk=instance.pk).update(ical_sequence=F("ical_sequence") + 1)
        occurrences.sync_page(instance)
    if isinstance(instance, MeetingSeriesPage):
        notices.record(instance)


def on_unpublished(sender, instance, **kwargs):
    # An unpublished entry has no dates, whatever the database row says yet: Wagtail also
    # sends this signal from pre_delete (unpublish with commit=False, the row still live), and
    # a rebuild from the row there would re-insert dates that the delete then leaves behind
    # (the cascade only removes rows it collected before the signal).
    if isinstance(instance, EventPage | MeetingSeriesPage):
        occurrences.clear_page(instance)


def on_moved(sender, instance, **kwargs):
    # A moved entry may change calendar; a moved calendar or section changes its entries.
    occurrences.sync_subtree(instance)


def connect():
    page_published.connect(on_published, dispatch_uid="events_published")
    page_unpublished.connect(on_unpublished, dispatch_uid="events_unpublished")
    post_page_move.connect(on_moved, dispatch_uid="events_moved")
