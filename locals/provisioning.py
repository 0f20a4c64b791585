"""Give each local its own staff and members groups, media collections and approval workflow.

`provision_local(page)` makes the database match the policy below for one local and returns
what it changed, so it is safe to run again (the `provision_locals` command does, for every
local). It also *removes* anything a local group should not have: a local group holds page
permissions only on its own local, collection permissions only on its own collection, and no
model permissions beyond admin access, so never anything on snippets, site settings or users.
A local's members group holds no permission at all: it is who may open the local's
members-only pages and files (locals.audience), with the local's staff.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Task,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from opeiu_site.core.sections import international_roots

from . import audience
from .choices import COMMUNICATIONS_EDITORS, COMMUNICATIONS_MODERATORS, MANAGE_LOCALS

# Page permission codenames (see wagtail.models.pages.PAGE_PERMISSION_TYPES). Editors have no
# "publish": their changes go to the local's moderators through the approval workflow.
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "lock_page"]
MODERATOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
INTERNATIONAL_MODERATOR_PAGE_PERMISSIONS = MODERATOR_PAGE_PERMISSIONS + ["bulk_delete_page"]

# Add, edit and choose images and documents in the group's own collection.
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]
ADMIN_ACCESS = ("wagtailadmin", "access_admin")
# The International's moderators create and delete locals (locals.lifecycle.may_manage_locals).
MANAGE_LOCALS_ACCESS = ("locals", MANAGE_LOCALS)

# Wagtail's own starter groups hold permissions on the whole page tree and every collection;
# in a site shared by many locals nobody may have that by accident: they keep admin access only.
WAGTAIL_DEFAULT_GROUPS = ["Editors", "Moderators"]


def _permissions(pairs):
    query = Permission.objects.none()
    for app_label, codename in pairs:
        query |= Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    return list(query)


def _page_permissions(codenames):
    return _permissions(("wagtailcore", codename) for codename in codenames)


def _ensure_group(name, current, changes):
    """The group `current` renamed to `name`, or the group called `name`, or a new one."""
    if current is not None:
        if current.name != name and not Group.objects.filter(name=name).exists():
            changes.append(f"renamed group {current.name!r} to {name!r}")
            current.name = name
            current.save(update_fields=["name"])
        return current
    group, created = Group.objects.get_or_create(name=name)
    if created:
        changes.append(f"created group {name!r}")
    return group


def _sync_group(group, page, page_codenames, collection, changes, model_permissions=()):
    """Give `group` exactly these permissions: admin access (and `model_permissions`, pairs of
    app label and codename), `page_codenames` on `page` and its subtree, and the collection
    permissions on `collection`. Remove everything else."""
    wanted_model = set(_permissions([ADMIN_ACCESS, *model_permissions]))
    extra_model = set(group.permissions.all()) - wanted_model
    if extra_model:
        group.permissions.remove(*extra_model)
        changes.append(f"{group.name}: removed {sorted(p.codename for p in extra_model)}")
    missing_model = wanted_model - set(group.permissions.all())
    if missing_model:
        group.permissions.add(*missing_model)
        changes.append(f"{group.name}: granted {sorted(p.codename for p in missing_model)}")

    _sync_object_permissions(
        GroupPagePermission, group, "page", page, _page_permissions(page_codenames), changes
    )
    _sync_object_permissions(
        GroupCollectionPermission,
        group,
        "collection",
        collection,
        _permissions(COLLECTION_PERMISSIONS),
        changes,
    )


def _sync_object_permissions(model, group, field, target, wanted, changes):
    """Make `group`'s rows of `model` (GroupPagePermission, GroupCollectionPermission) exactly
    the `wanted` permissions on `target` (its `field`): remove the rest, add what is missing."""
    stale = model.objects.filter(group=group).exclude(**{field: target}, permission__in=wanted)
    if stale.exists():
        changes.append(f"{group.name}: removed {stale.count()} {field} permission(s) elsewhere")
        stale.delete()
    for permission in wanted:
        _, created = model.objects.get_or_create(
            group=group, permission=permission, **{field: target}
        )
        if created:
            where = "on" if field == "page" else "in"
            changes.append(f"{group.name}: {permission.codename} {where} {str(target)!r}")


def _strip_members_group(group, changes):
    """A members group opens members-only content; it grants nothing in the admin."""
    removed = group.permissions.count()
    group.permissions.clear()
    for model in (GroupPagePermission, GroupCollectionPermission):
        removed += model.objects.filter(group=group).delete()[0]
    if removed:
        changes.append(f"{group.name}: removed {removed} permission(s)")


def _ensure_audience_collections(access, changes):
    """The owner's (a local's `access`, or the International's for None) "members only" and
    "staff only" collections, restricted to its groups (repaired if changed by hand)."""
    for kind in (audience.Audience.MEMBERS, audience.Audience.STAFF):
        before = Collection.objects.count()
        collection = audience.audience_collection(access, kind)
        if Collection.objects.count() != before:
            changes.append(f"created collection {collection.name!r}")


def _ensure_collection(name, current, changes):
    """A collection directly under the root collection, called `name`."""
    root = Collection.get_first_root_node()
    if current is not None:
        if current.name != name:
            changes.append(f"renamed collection {current.name!r} to {name!r}")
            current.name = name
            current.save(update_fields=["name"])
        return current
    existing = root.get_children().filter(name=name).first()
    if existing is not None:
        return existing
    changes.append(f"created collection {name!r}")
    return root.add_child(name=name)


def _ensure_workflow(name, current, moderators, page, changes):
    """An approval workflow on `page` whose one task is approved by `moderators`."""
    workflow = current
    if workflow is None:
        workflow, created = Workflow.objects.get_or_create(name=f"{name} approval")
        if created:
            changes.append(f"created workflow {workflow.name!r}")
    elif workflow.name != f"{name} approval":
        workflow.name = f"{name} approval"
        workflow.save(update_fields=["name"])
    task = GroupApprovalTask.objects.filter(
        workflow_tasks__workflow=workflow
    ).first() or GroupApprovalTask.objects.create(name=f"{name} moderators approve")
    if task.name != f"{name} moderators approve":
        task.name = f"{name} moderators approve"
        task.save(update_fields=["name"])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task)
    if list(task.groups.all()) != [moderators]:
        task.groups.set([moderators])
        changes.append(f"{task.name!r} is approved by {moderators.name!r}")
    _, created = WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
    if created:
        changes.append(f"{workflow.name!r} applies to {page.title!r} and below")
    return workflow


@transaction.atomic
def provision_local(local):
    """Create or repair the groups, collection and workflow of one LocalPage.

    Returns the list of changes (empty when everything was already in place).
    """
    from .models import LocalAccess, LocalPage

    changes = []
    label = local.label
    access = LocalAccess.objects.filter(local=local).first()
    twin = (
        LocalPage.objects.filter(number=local.number, kind=local.kind, access__isnull=False)
        .exclude(pk=local.pk)
        .first()
    )
    if twin is not None and access is None:
        # A copy of a local (or a duplicate number) must not share the original's staff.
        changes.append(
            f"skipped {local.title!r}: {label} is already provisioned for {twin.title!r}"
        )
        return changes

    editors = _ensure_group(f"{label} editors", access and access.editors, changes)
    moderators = _ensure_group(f"{label} moderators", access and access.moderators, changes)
    members = _ensure_group(f"{label} members", access and access.members, changes)
    collection = _ensure_collection(label, access and access.collection, changes)
    _sync_group(editors, local, EDITOR_PAGE_PERMISSIONS, collection, changes)
    _sync_group(moderators, local, MODERATOR_PAGE_PERMISSIONS, collection, changes)
    _strip_members_group(members, changes)
    workflow = _ensure_workflow(label, access and access.workflow, moderators, local, changes)

    fields = {
        "editors": editors,
        "moderators": moderators,
        "members": members,
        "collection": collection,
        "workflow": workflow,
    }
    if access is None:
        access = LocalAccess.objects.create(local=local, **fields)
    elif any(getattr(access, f"{key}_id") != value.pk for key, value in fields.items()):
        LocalAccess.objects.filter(pk=access.pk).update(**fields)
        access.refresh_from_db()
    _ensure_audience_collections(access, changes)
    # The International's members-only content is for the members of every local.
    audience.refresh_international_members()
    return changes


@transaction.atomic
def provision_international(home):
    """The International's "Communications editors/moderators": the whole tree from `home`
    down, and the root collection (so every collection)."""
    changes = []
    root_collection = Collection.get_first_root_node()
    editors = _ensure_group(COMMUNICATIONS_EDITORS, None, changes)
    moderators = _ensure_group(COMMUNICATIONS_MODERATORS, None, changes)
    _sync_group(editors, home, EDITOR_PAGE_PERMISSIONS, root_collection, changes)
    _sync_group(
        moderators,
        home,
        INTERNATIONAL_MODERATOR_PAGE_PERMISSIONS,
        root_collection,
        changes,
        model_permissions=[MANAGE_LOCALS_ACCESS],
    )
    current = WorkflowPage.objects.filter(page=home).select_related("workflow").first()
    current = (
        current.workflow if current and current.workflow.name.startswith("Communications") else None
    )
    _ensure_workflow("Communications", current, moderators, home, changes)
    strip_wagtail_default_groups(changes)
    _strip_members_group(audience.international_members_group(), changes)
    _ensure_audience_collections(None, changes)
    return changes


def strip_wagtail_default_groups(changes=None):
    """Remove the page and collection permissions of Wagtail's "Editors" and "Moderators"
    groups (also done by migration locals 0002 on every database). Returns the changes."""
    changes = [] if changes is None else changes
    groups = Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS)
    for model in (GroupPagePermission, GroupCollectionPermission):
        removed, _ = model.objects.filter(group__in=groups).delete()
        if removed:
            plural = model._meta.verbose_name_plural
            changes.append(f"removed {removed} {plural} of Wagtail's groups")
    return changes


def provision_all():
    """Provision the International (if it has a home page) and every local. Returns changes."""
    from .models import LocalPage

    changes = []
    homes = international_roots()
    home = homes.first() if homes is not None else None
    if home is not None:
        changes += [f"International: {line}" for line in provision_international(home)]
    for local in LocalPage.objects.order_by("number", "path"):
        changes += [f"{local.label}: {line}" for line in provision_local(local)]
    return changes


ARCHIVED_PREFIX = "Archived: "


def deprovision_plan(local):
    """What deleting `local` does to what was provisioned for it, in words (for the confirmation
    page): the groups are deleted, the collection and the workflow are archived."""
    from .models import LocalAccess

    access = LocalAccess.objects.filter(local=local).select_related(
        "editors", "moderators", "members", "collection", "workflow"
    )
    access = access.first()
    if access is None:
        return []
    lines = []
    for group in (access.editors, access.moderators, access.members):
        if group is not None:
            count = group.user_set.count()
            lines.append(
                f"the group “{group.name}” is deleted ({count} account(s) lose access to "
                f"this local; the accounts themselves stay)"
            )
    if access.collection is not None:
        lines.append(
            f"the collection “{access.collection.name}” is renamed "
            f"“{ARCHIVED_PREFIX}{access.collection.name}” and keeps its images and documents, "
            f"open to the International's staff only"
        )
    if access.workflow is not None:
        lines.append(
            f"the workflow “{access.workflow.name}” is deactivated and renamed "
            f"“{ARCHIVED_PREFIX}{access.workflow.name}”"
        )
    return lines


@transaction.atomic
def deprovision_local(local):
    """Called as a local is deleted: delete its staff and members groups, archive its
    collection (renamed, its images and documents kept, no group may use it any more, and
    restricted to the International's staff, so that no file it owned becomes more public
    than it was) and its workflow (deactivated, renamed). Returns the list of changes."""
    from .models import LocalAccess

    changes = []
    access = LocalAccess.objects.filter(local=local).first()
    if access is None:
        return changes
    collection = access.collection
    if collection is not None:
        audience.restrict(
            CollectionViewRestriction, audience.staff_groups(None), collection=collection
        )
        changes.append(f"restricted collection {collection.name!r} to the International's staff")
    for group in (access.editors, access.moderators, access.members):
        if group is not None:
            changes.append(f"deleted group {group.name!r}")
            group.delete()
    if collection is not None:
        GroupCollectionPermission.objects.filter(collection=collection).delete()
        if not collection.name.startswith(ARCHIVED_PREFIX):
            collection.name = f"{ARCHIVED_PREFIX}{collection.name}"
            collection.save(update_fields=["name"])
        changes.append(f"archived collection as {collection.name!r}")
    workflow = access.workflow
    if workflow is not None:
        if workflow.active:
            workflow.deactivate()  # cancels the local's pages still in moderation
        Task.objects.filter(workflow_tasks__workflow=workflow).update(active=False)
        if not workflow.name.startswith(ARCHIVED_PREFIX):
            workflow.name = f"{ARCHIVED_PREFIX}{workflow.name}"
            workflow.save(update_fields=["name"])
        changes.append(f"archived workflow as {workflow.name!r}")
    return changes
