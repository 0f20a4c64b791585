"""Creating a local provisions its staff groups, collection and approval workflow; the command
re-provisions everything and is safe to rerun."""

from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
)

from locals.models import LocalAccess, LocalPage
from locals.provisioning import provision_all

from .factories import LocalPageFactory


def page_codenames(group, page):
    return set(
        GroupPagePermission.objects.filter(group=group, page=page).values_list(
            "permission__codename", flat=True
        )
    )


def collection_codenames(group, collection):
    return set(
        GroupCollectionPermission.objects.filter(group=group, collection=collection).values_list(
            "permission__codename", flat=True
        )
    )


MEDIA = {
    "add_image",
    "change_image",
    "choose_image",
    "add_document",
    "change_document",
    "choose_document",
}


def state():
    return {
        "groups": sorted(Group.objects.values_list("name", flat=True)),
        "collections": sorted(Collection.objects.values_list("name", flat=True)),
        "page_permissions": GroupPagePermission.objects.count(),
        "collection_permissions": GroupCollectionPermission.objects.count(),
        "workflows": sorted(Workflow.objects.values_list("name", flat=True)),
        "workflow_pages": WorkflowPage.objects.count(),
        "access": LocalAccess.objects.count(),
    }


def test_creating_a_local_provisions_its_groups_and_collection(tree):
    local = tree.local12
    editors = Group.objects.get(name="Local 12 editors")
    moderators = Group.objects.get(name="Local 12 moderators")
    collection = Collection.objects.get(name="Local 12")
    assert collection.get_parent() == Collection.get_first_root_node()
    assert page_codenames(editors, local) == {"add_page", "change_page", "lock_page"}
    assert page_codenames(moderators, local) == {
        "add_page",
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
    }
    for group in (editors, moderators):
        assert collection_codenames(group, collection) == MEDIA
        # Nothing anywhere else: only their own page and collection...
        assert set(group.page_permissions.values_list("page", flat=True)) == {local.pk}
        assert set(group.collection_permissions.values_list("collection", flat=True)) == {
            collection.pk
        }
        # ...and no model permissions but admin access: no snippets, settings or users.
        assert list(group.permissions.values_list("codename", flat=True)) == ["access_admin"]
    workflow_page = WorkflowPage.objects.get(page=local)
    assert workflow_page.workflow.name == "Local 12 approval"
    task = workflow_page.workflow.tasks.get().specific
    assert list(task.groups.all()) == [moderators]
    assert local.access.editors == editors and local.access.collection == collection


def test_guilds_are_named_as_guilds(tree):
    LocalPageFactory(parent=tree.index, number=45, kind="guild")
    assert Group.objects.filter(name__in=["Guild 45 editors", "Guild 45 moderators"]).count() == 2
    assert Collection.objects.filter(name="Guild 45").exists()


def test_provisioning_twice_changes_nothing(tree, capsys):
    call_command("provision_locals")
    first = state()
    capsys.readouterr()
    call_command("provision_locals")
    assert state() == first
    assert "(0 change(s))" in capsys.readouterr().out
    assert "Communications editors" in first["groups"]
    assert "Communications approval" in first["workflows"]


def test_command_repairs_what_was_removed_and_strips_what_was_added(tree, capsys):
    editors = tree.local12.access.editors
    GroupPagePermission.objects.filter(group=editors).delete()
    publish = Permission.objects.get(codename="publish_page")
    GroupPagePermission.objects.create(group=editors, page=tree.local12, permission=publish)
    GroupPagePermission.objects.create(
        group=editors, page=tree.home, permission=Permission.objects.get(codename="change_page")
    )
    editors.permissions.add(Permission.objects.get(codename="change_sitesettings"))

    call_command("provision_locals")
    out = capsys.readouterr().out
    assert "Local 12: Local 12 editors: add_page on 'OPEIU Local 12'" in out
    assert page_codenames(editors, tree.local12) == {"add_page", "change_page", "lock_page"}
    assert not GroupPagePermission.objects.filter(group=editors, page=tree.home).exists()
    assert list(editors.permissions.values_list("codename", flat=True)) == ["access_admin"]


def test_renumbering_renames_the_groups_instead_of_orphaning_them(tree):
    local = LocalPage.objects.get(pk=tree.local212.pk)
    group_pk = local.access.editors.pk
    local.number = 213
    local.save_revision().publish()
    assert Group.objects.get(pk=group_pk).name == "Local 213 editors"
    assert Collection.objects.filter(name="Local 213").exists()
    assert not Group.objects.filter(name="Local 212 editors").exists()


def test_a_copy_of_a_local_does_not_share_its_staff(tree):
    copy = tree.local12.copy(to=tree.index, update_attrs={"slug": "copy-of-12", "title": "Copy"})
    assert not LocalAccess.objects.filter(local=copy).exists()
    assert set(tree.local12.access.editors.page_permissions.values_list("page", flat=True)) == {
        tree.local12.pk
    }
    assert any("skipped" in line for line in provision_all())


def test_wagtails_default_groups_hold_no_page_or_collection_permissions(tree):
    """Wagtail's starter "Editors" and "Moderators" groups would edit every local's pages and
    files: the migration strips them, and provisioning strips them again if they come back."""
    editors = Group.objects.get(name="Editors")
    assert not GroupPagePermission.objects.filter(group__name__in=["Editors", "Moderators"])
    assert not GroupCollectionPermission.objects.filter(group__name__in=["Editors", "Moderators"])
    GroupPagePermission.objects.create(
        group=editors, page=tree.home, permission=Permission.objects.get(codename="change_page")
    )
    changes = provision_all()
    assert any("Wagtail's groups" in line for line in changes)
    assert not GroupPagePermission.objects.filter(group=editors).exists()


def test_each_local_has_a_members_group_and_members_and_staff_collections(tree):
    """Members-only means members of that local (and its staff); the International's
    members-only files are for the members and staff of every local."""
    from wagtail.models import CollectionViewRestriction

    from locals.provisioning import provision_international

    provision_international(tree.home)
    access = tree.local12.access
    members = Group.objects.get(name="Local 12 members")
    assert access.members == members
    assert not members.permissions.exists() and not members.page_permissions.exists()
    assert not members.collection_permissions.exists()

    def groups_of(collection_name):
        restriction = CollectionViewRestriction.objects.get(collection__name=collection_name)
        assert restriction.restriction_type == restriction.GROUPS
        return {group.name for group in restriction.groups.all()}

    staff = {"Local 12 editors", "Local 12 moderators"}
    assert groups_of("Local 12: members only") == {"Local 12 members", *staff}
    assert groups_of("Local 12: staff only") == staff
    for name in ("Local 12: members only", "Local 12: staff only"):
        assert Collection.objects.get(name=name).get_parent() == access.collection
    international = groups_of("International: members only")
    assert {"International members", "Local 12 members", "Local 212 members"} <= international
    assert "Local 212 editors" in international
    # A local provisioned later joins the International's members audience.
    LocalPageFactory(parent=tree.index, number=95)
    assert "Local 95 members" in groups_of("International: members only")


def test_private_for_logged_in_users_means_the_locals_members(tree):
    """Wagtail's "private, for logged-in users" would let any account in: on a local's page or
    collection it becomes a restriction to that local's members and staff."""
    from wagtail.models import CollectionViewRestriction, PageViewRestriction

    page_restriction = PageViewRestriction.objects.create(
        page=tree.local212_page, restriction_type=PageViewRestriction.LOGIN
    )
    collection_restriction = CollectionViewRestriction.objects.create(
        collection=tree.local212.access.collection, restriction_type="login"
    )
    for restriction in (page_restriction, collection_restriction):
        restriction.refresh_from_db()
        assert restriction.restriction_type == restriction.GROUPS
        assert {group.name for group in restriction.groups.all()} == {
            "Local 212 members",
            "Local 212 editors",
            "Local 212 moderators",
        }
