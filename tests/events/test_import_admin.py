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
