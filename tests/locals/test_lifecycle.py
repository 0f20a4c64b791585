"""A local's life cycle (issue 13, item 4): created in one step (command and admin view) with
its index pages, groups, collection and workflow; unpublished without locking its staff out;
deleted only by the International's moderators, which deletes its groups and archives its
collection (images kept) and workflow, as the confirmation page says beforehand."""

import pytest
import wagtail_factories
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, Page, Workflow, WorkflowPage

from locals.models import LocalAccess, LocalPage

from .dashboard_content import staff_user
from .helpers import login_as_local_editor, login_as_local_moderator
from .test_isolation import page_form_data

INDEXES = {"news", "events", "benefits"}


def assert_provisioned(local):
    access = LocalAccess.objects.get(local=local)
    assert access.editors.name == f"{local.label} editors"
    assert access.moderators.name == f"{local.label} moderators"
    assert access.collection.name == local.label
    assert WorkflowPage.objects.get(page=local).workflow == access.workflow
    assert {page.slug for page in local.get_children()} == INDEXES


def test_command_creates_a_local_in_one_step(tree):
    call_command("create_local", "77", "--city", "Tulsa", "--email", "office@local77.example")
    local = LocalPage.objects.get(number=77)
    assert_provisioned(local)
    assert not local.live and not local.get_children().live().exists()
    assert local.email == "office@local77.example"
    with pytest.raises(CommandError, match="exists already"):
        call_command("create_local", "77")
    with pytest.raises(CommandError):
        call_command("create_local", "78", "--time-zone", "Mars/Olympus")


def test_command_can_publish(tree):
    call_command("create_local", "45", "--kind", "guild", "--publish")
    guild = LocalPage.objects.get(number=45, kind="guild")
    assert guild.live and guild.get_children().live().count() == 3


def test_admin_view_creates_a_local_for_international_moderators(client, tree):
    admin = get_user_model().objects.create_superuser("boss", "boss@example.org", "x" * 16)
    client.force_login(admin)
    url = reverse("opeiu_new_local")
    assert client.get(url).status_code == 200
    data = {"kind": "local", "number": "88", "time_zone": "America/Chicago", "publish": "on"}
    response = client.post(url, data)
    local = LocalPage.objects.get(number=88)
    assert response.status_code == 302
    assert_provisioned(local)
    assert local.live
    # The same number again is a form error, not a second local.
    response = client.post(url, data)
    assert response.status_code == 200 and "exists already" in response.content.decode()
    assert LocalPage.objects.filter(number=88).count() == 1


def test_local_staff_cannot_create_locals(client, tree):
    login_as_local_moderator(client, 12)
    url = reverse("opeiu_new_local")
    assert client.get(url).status_code == 403
    client.post(url, {"kind": "local", "number": "99", "time_zone": "America/Chicago"})
    assert not LocalPage.objects.filter(number=99).exists()


@pytest.mark.clock
def test_unpublished_local_keeps_its_staff_working_on_drafts(client, tree):
    tree.local12.unpublish()
    login_as_local_editor(client, 12)
    page = tree.local12_page
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert client.get(edit).status_code == 200
    response = client.post(edit, page_form_data(page, title="Strike vote draft"))
    assert response.status_code == 302
    assert Page.objects.get(pk=page.pk).get_latest_revision_as_object().title == (
        "Strike vote draft"
    )
    assert "OPEIU Local 12" in client.get(reverse("wagtailadmin_home")).content.decode()


def test_deleting_a_local_deletes_groups_and_archives_collection_and_workflow(
    client, tree, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    from wagtail.images.models import Image

    local = tree.local12
    access = LocalAccess.objects.get(local=local)
    staff_user(local, "editors", "ed12")
    image = Image.objects.create(
        title="Picket", file=get_test_image_file(), collection=access.collection
    )
    public_file = wagtail_factories.DocumentFactory(title="Bylaws", collection=access.collection)
    admin = get_user_model().objects.create_superuser("boss", "boss@example.org", "x" * 16)
    client.force_login(admin)
    delete = reverse("wagtailadmin_pages:delete", args=[local.pk])
    confirmation = client.get(delete).content.decode()
    assert "the group “Local 12 editors” is deleted (1 account(s)" in confirmation
    assert "the collection “Local 12” is renamed “Archived: Local 12”" in confirmation
    assert "workflow “Local 12 approval” is deactivated" in confirmation

    client.post(delete)
    assert not LocalPage.objects.filter(pk=local.pk).exists()
    assert not Group.objects.filter(name__startswith="Local 12 ").exists()
    assert get_user_model().objects.filter(username="ed12").exists()
    collection = Collection.objects.get(pk=access.collection_id)
    assert collection.name == "Archived: Local 12"
    assert not collection.group_permissions.exists()
    # Its files stay at least as private as they were: the International's staff only.
    (restriction,) = collection.get_view_restrictions()
    assert restriction.restriction_type == restriction.GROUPS
    assert {g.name for g in restriction.groups.all()} <= {
        "Communications editors",
        "Communications moderators",
    }
    document = Document.objects.get(pk=public_file.pk)
    assert document.collection == collection
    client.force_login(get_user_model().objects.get(username="ed12"))  # once Local 12's
    assert client.get(document.url).status_code == 403
    client.logout()
    assert client.get(document.url).status_code == 302  # to log in
    assert Image.objects.filter(pk=image.pk, collection=collection).exists()
    workflow = Workflow.objects.get(pk=access.workflow_id)
    assert workflow.name == "Archived: Local 12 approval" and not workflow.active
    # Local 212 is untouched.
    assert LocalAccess.objects.get(local=tree.local212).editors.name == "Local 212 editors"


def test_local_moderators_cannot_delete_their_local(client, tree):
    tree.local12_page.delete()  # a leaf, which Wagtail alone would let its moderators delete
    login_as_local_moderator(client, 12)
    delete = reverse("wagtailadmin_pages:delete", args=[tree.local12.pk])
    assert client.get(delete).status_code == 403
    assert client.post(delete).status_code == 403
    assert LocalPage.objects.filter(pk=tree.local12.pk).exists()
    assert Group.objects.filter(name="Local 12 editors").exists()


def test_local_moderators_cannot_bulk_delete_their_local(client, tree):
    tree.local12_page.delete()
    login_as_local_moderator(client, 12)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
    response = client.post(f"{url}?id={tree.local12.pk}", {})
    assert response.status_code == 403
    assert LocalPage.objects.filter(pk=tree.local12.pk).exists()


def test_who_may_create_and_delete_locals_is_a_permission_not_a_group_name(client, tree):
    """The International's moderators group holds `locals.manage_locals` (provisioning, and
    migration 0006 for an existing site): renaming the group in the admin changes nothing, and
    a new group that takes the old name gains nothing."""
    from locals.provisioning import provision_international

    provision_international(tree.home)
    tree.local12_page.delete()
    moderators = Group.objects.get(name="Communications moderators")
    assert moderators.permissions.filter(codename="manage_locals").exists()
    moderators.name = "International web team"
    moderators.save()
    moderator = get_user_model().objects.create_user("comms", password="x" * 16)
    moderator.groups.add(moderators)
    impostor = get_user_model().objects.create_user("impostor", password="x" * 16)
    impostor.groups.add(Group.objects.create(name="Communications moderators"))
    impostor.groups.add(tree.local12.access.moderators)  # may use the admin, on Local 12
    new_local = reverse("opeiu_new_local")
    delete = reverse("wagtailadmin_pages:delete", args=[tree.local12.pk])

    client.force_login(impostor)
    assert client.get(new_local).status_code == 403
    assert client.get(delete).status_code == 403
    assert client.post(delete).status_code == 403

    client.force_login(moderator)
    assert client.get(new_local).status_code == 200
    assert client.get(delete).status_code == 200
    client.post(delete)
    assert not LocalPage.objects.filter(pk=tree.local12.pk).exists()
