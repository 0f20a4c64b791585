"""The demo (`make run`): Local 12's Membership meetings have two confirmed subscribers, and a
date changed in the admin prints the notice on the worker's console (the console mailer)."""

import pytest

from events.models import MeetingSeriesPage, SeriesDateChange

from .helpers import next_meeting
from .test_meeting_changes import publish_changes

pytestmark = pytest.mark.clock


def test_changing_a_date_prints_the_notice_on_the_console(
    demo_data, db, settings, capsys, django_capture_on_commit_callbacks
):
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
    series = MeetingSeriesPage.objects.get(slug="membership-meetings")
    capsys.readouterr()
    with django_capture_on_commit_callbacks(execute=True):
        publish_changes(series, [SeriesDateChange(date=next_meeting(series), cancelled=True)])
    printed = capsys.readouterr().out
    assert printed.count("Subject: Membership meetings: ") == 2
    assert "To: member@example.org" in printed and "To: steward@example.org" in printed
    assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in printed
