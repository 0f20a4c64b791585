"""The import in the admin (per calendar, for staff who may add pages there) and on the
command line (files only in tests; URLs only where EVENTS_IMPORT_ALLOW_URLS is on)."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.models import GroupPagePermission

from events.models import CalendarImport, EventPage, MeetingSeriesPage

from .factories import EventIndexPageFactory
from .test_import import SAMPLES, sample

pytestmark = pytest.mark.clock  # reads today's date (tests/clock.py)


def _staff(django_user_model, calendar, *codenames):
    group = Group.objects.create(name=f"Staff {'-'.join(codenames)}")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in codenames:
        GroupPagePermission.objects.create(
            group=group, page=calendar, permission=Permission.objects.get(codename=codename)
        )
    user = django_user_model.objects.create_user(f"user-{group.pk}", password="x" * 16)
    user.groups.add(group)
    return user


@pytest.fixture
def other_calendar(home):
    return EventIndexPageFactory(parent=home, slug="local-5-events", title="Local 5")


def _upload(name="google-export.ics"):
    return SimpleUploadedFile(name, sample(name), content_type="text/calendar")


def test_staff_preview_then_import_published(
    client, django_user_model, calendar, django_capture_on_commit_callbacks
):
    client.force_login(_staff(django_user_model, calendar, "add_page", "publish_page"))
    url = reverse("events_import", args=[calendar.pk])
    explore = client.get(reverse("wagtailadmin_explore", args=[calendar.pk])).content.decode()
    assert "Import events (.ics)" in explore and url in explore
    assert client.get(url).status_code == 200
    preview = client.post(url, {"file": _upload(), "publish": "on", "preview": "1"})
    html = preview.content.decode()
    assert preview.status_code == 200 and "What would change" in html
    assert "5 to create, 0 to update, 0 unchanged." in html and "Organizing Committee" in html
    assert not MeetingSeriesPage.objects.exists()  # a preview changes nothing
    content = preview.context["form"].initial["content"]
    assert preview.context["form"].initial["file_name"] == "google-export.ics"
    # Without a task worker (TASKS_WORKER off) the import runs as the upload is committed.
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            url,
            {"content": content, "file_name": "google-export.ics", "publish": "on", "import": "1"},
        )
    job = CalendarImport.objects.get()
    assert done.status_code == 302 and done["Location"] == reverse(
        "events_import_status", args=[job.pk]
    )
    status = client.get(done["Location"]).content.decode()
    assert "Imported: 5 created, 0 updated, 0 unchanged." in status
    assert "google-export.ics" in status and "data-refresh" not in status
    job.refresh_from_db()
    assert job.section_id == calendar.get_parent().pk and job.content == ""  # owner; no text
    assert MeetingSeriesPage.objects.filter(live=True).count() == 3
    assert EventPage.objects.filter(live=True).count() == 2
    again = client.post(url, {"file": _upload(), "preview": "1"}).content.decode()
    assert "0 to create, 0 to update, 5 unchanged." in again


def test_staff_without_publish_permission_get_drafts(
    client, django_user_model, calendar, django_capture_on_commit_callbacks
):
    client.force_login(_staff(django_user_model, calendar, "add_page"))
    url = reverse("events_import", args=[calendar.pk])
    assert "Publish the imported" not in client.get(url).content.decode()
    content = sample("tec-export.ics").decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"content": content, "publish": "on", "import": "1"})
    assert EventPage.objects.count() == 5 and not EventPage.objects.filter(live=True).exists()


def test_other_locals_staff_and_editors_without_add_get_403(
    client, django_user_model, calendar, other_calendar
):
    client.force_login(_staff(django_user_model, other_calendar, "add_page", "publish_page"))
    url = reverse("events_import", args=[calendar.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"file": _upload(), "import": "1"}).status_code == 403
    assert not MeetingSeriesPage.objects.exists()
    client.force_login(_staff(django_user_model, calendar, "change_page"))
    assert client.get(url).status_code == 403


def test_a_bad_file_is_a_form_error(client, django_user_model, calendar):
    client.force_login(_staff(django_user_model, calendar, "add_page"))
    url = reverse("events_import", args=[calendar.pk])
    bad = SimpleUploadedFile("x.ics", b"<html>nope</html>", content_type="text/calendar")
    response = client.post(url, {"file": bad, "preview": "1"})
    assert response.status_code == 200 and "not an iCalendar" in response.content.decode()
    assert "URL" not in str(response.context["form"].fields)  # no URL field unless allowed
    # Imported straight away (no preview): refused the same way, nothing stored or queued.
    bad = SimpleUploadedFile("x.ics", b"<html>nope</html>", content_type="text/calendar")
    response = client.post(url, {"file": bad, "import": "1"})
    assert response.status_code == 200 and "not an iCalendar" in response.content.decode()
    assert not CalendarImport.objects.exists()


def test_command_dry_run_then_import(calendar, capsys):
    path = str(SAMPLES / "outlook-export.ics")
    call_command("import_ics", str(calendar.pk), path, "--dry-run")
    out = capsys.readouterr().out
    assert "create    meeting series Contract Committee (from 2027-01-14)" in out
    assert "2 to create, 0 to update, 0 unchanged." in out and "nothing was changed" in out
    assert not MeetingSeriesPage.objects.exists()
    call_command("import_ics", "/events/", path, "--publish")
    assert MeetingSeriesPage.objects.get().live
    with pytest.raises(CommandError, match="switched off"):
        call_command("import_ics", str(calendar.pk), "https://example.org/cal.ics")
    with pytest.raises(CommandError, match="not an iCalendar"):
        call_command("import_ics", str(calendar.pk), __file__)


def _job(calendar, user, **fields):
    return CalendarImport.objects.create(
        calendar=calendar, section=calendar.get_parent(), user=user, **fields
    )


def test_the_status_page_says_each_state(client, django_user_model, calendar, settings):
    """Waiting (and, long after, that no worker took it), saving with its count, stopped with
    "Start it again", failed with the error; it refreshes itself only while the import runs."""
    from django.utils import timezone

    user = _staff(django_user_model, calendar, "add_page")
    client.force_login(user)
    hour_ago = timezone.now() - timezone.timedelta(hours=1)

    def page(job):
        return client.get(reverse("events_import_status", args=[job.pk])).content.decode()

    waiting = _job(calendar, user, content="x")
    html = page(waiting)
    assert "Waiting for the task worker" in html and "No task worker has taken" not in html
    assert 'data-refresh="1"' in html and 'http-equiv="refresh"' in html
    waiting.created_at = hour_ago
    waiting.save()
    assert "No task worker has taken the import yet" in page(waiting)

    now = timezone.now()
    saving = _job(calendar, user, status="running", total=600, done=312, heartbeat_at=now)
    assert "Saving events: 312 of 600 done." in page(saving)
    assert "Start it again" not in page(saving)

    stopped = _job(calendar, user, status="running", total=600, heartbeat_at=hour_ago)
    html = page(stopped)
    assert "The import stopped before it finished" in html and "Start it again" in html
    assert "data-refresh" not in html and 'http-equiv="refresh"' not in html

    failed = _job(calendar, user, status="failed", error="Line 4: the time zone is unknown.")
    html = page(failed)
    assert "The import failed; nothing was changed." in html and "Line 4: the time" in html
    # A POST "restart" of an import that has not stopped changes nothing.
    client.post(reverse("events_import_status", args=[saving.pk]), {"restart": "1"})
    client.post(reverse("events_import_status", args=[failed.pk]), {"restart": "1"})
    assert set(CalendarImport.objects.values_list("status", flat=True)) == {
        "queued",
        "running",
        "failed",
    }
    assert CalendarImport.objects.get(pk=saving.pk).attempt == 0


def test_a_file_the_worker_cannot_import_fails_with_its_message(calendar, django_user_model):
    """A file the run refuses (one stored without the upload's check stands for a file that
    passed it but fails against the calendar as it is now) ends "failed", nothing saved."""
    from events import import_jobs

    user = django_user_model.objects.create_user("importer")
    job = _job(calendar, user, content="BEGIN:VCALENDAR\r\nnot ical\r\n", file_name="bad.ics")
    import_jobs.run(job.pk)
    job.refresh_from_db()
    assert job.status == "failed" and "iCalendar" in job.error and job.content == ""
    assert not EventPage.objects.exists() and not MeetingSeriesPage.objects.exists()
    # Run again (a duplicate task): a finished import is not run twice.
    assert import_jobs.run(job.pk).status == "failed"
