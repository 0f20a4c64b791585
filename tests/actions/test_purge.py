"""purge_submissions deletes old personal data; petitions keep their count."""

import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission

from opeiu_site.home.models import StandardPage

pytestmark = pytest.mark.clock  # reads today's date (tests/clock.py)


def _submission(page, days_ago):
    submission = FormSubmission.objects.create(page=page, form_data={"first_name": "x"})
    FormSubmission.objects.filter(pk=submission.pk).update(
        submit_time=timezone.now() - dt.timedelta(days=days_ago)
    )
    return submission


def test_purge_deletes_older_than_days_and_keeps_petition_count(client, petition_page, capsys):
    _submission(petition_page, 100)
    _submission(petition_page, 40)
    recent = _submission(petition_page, 1)
    call_command("purge_submissions", "--days", "30")
    assert list(FormSubmission.objects.values_list("pk", flat=True)) == [recent.pk]
    assert "Deleted 2 submission(s) older than 30 days." in capsys.readouterr().out
    assert "<strong>3</strong> signatures" in client.get("/petition/").content.decode()
    call_command("purge_submissions", "--days", "30")
    assert "<strong>3</strong> signatures" in client.get("/petition/").content.decode()


def test_default_days_come_from_settings(petition_page, settings):
    settings.ACTIONS_SUBMISSION_RETENTION_DAYS = 50
    _submission(petition_page, 60)
    kept = _submission(petition_page, 40)
    call_command("purge_submissions")
    assert list(FormSubmission.objects.values_list("pk", flat=True)) == [kept.pk]


def test_dry_run_deletes_nothing(petition_page, capsys):
    _submission(petition_page, 400)
    call_command("purge_submissions", "--days", "30", "--dry-run")
    assert FormSubmission.objects.count() == 1
    assert "Would delete 1" in capsys.readouterr().out


def test_other_form_pages_are_left_alone(home, petition_page):
    other = StandardPage(title="Not a form", slug="other")
    home.add_child(instance=other)
    # A FormSubmission tied to a non-action page (e.g. another app's form) is not ours to purge.
    _submission(other, 400)
    call_command("purge_submissions", "--days", "30")
    assert FormSubmission.objects.count() == 1


def test_days_must_be_positive(db):
    with pytest.raises(CommandError):
        call_command("purge_submissions", "--days", "0")
