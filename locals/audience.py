"""Who a members-only page or file is for: the members of the section that owns it.

Owners: a local (its LocalPage subtree, its collection and the collections below it) or the
International (everything else). Audiences: public, members of the owner, staff of the owner.

- A local's **members** audience is its members group plus its staff (editors, moderators):
  Wagtail's GROUPS restriction with those three groups, never LOGIN (any account).
- The International's members audience is every local's members and staff, the
  "International members" group and the Communications staff: members of any local.
- A **staff** audience is the owner's editors and moderators (the International's:
  Communications editors and moderators).

A file's audience is its collection's: each owner has a "members only" and a "staff only"
collection (below its own collection; the International's below the root), restricted to
those groups. A LOGIN restriction saved on a page or collection (Wagtail's "private, for
logged-in users") is turned into the owner's members restriction (`signals`).
"""

from django.contrib.auth.models import Group
from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _
from wagtail.models import (
    BaseViewRestriction,
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
)

from opeiu_site.core.tree_paths import ancestor_paths

from .choices import (
    COMMUNICATIONS_EDITORS,
    COMMUNICATIONS_MODERATORS,
    INTERNATIONAL_LABEL,
    INTERNATIONAL_MEMBERS,
)


class Audience(TextChoices):
    PUBLIC = "public", _("Everyone")
    MEMBERS = "members", _("Members only")
    STAFF = "staff", _("Staff only")


RANK = {Audience.PUBLIC: 0, Audience.MEMBERS: 1, Audience.STAFF: 2}
COLLECTION_SUFFIX = {Audience.MEMBERS: "members only", Audience.STAFF: "staff only"}


def _access_model():
    from .models import LocalAccess

    return LocalAccess


def international_members_group():
    return Group.objects.get_or_create(name=INTERNATIONAL_MEMBERS)[0]


def _communications_staff():
    return list(Group.objects.filter(name__in=[COMMUNICATIONS_EDITORS, COMMUNICATIONS_MODERATORS]))


def staff_groups(access):
    """The staff of `access`'s local, or of the International (access None)."""
    if access is None:
        return _communications_staff()
    return [group for group in (access.editors, access.moderators) if group is not None]


def members_groups(access):
    """The groups a members-only page or file of `access`'s local (or, for None, of the
    International) is restricted to."""
    if access is None:
        groups = [international_members_group(), *_communications_staff()]
        for row in _access_model().objects.all():
            groups += [group for group in (row.members, row.editors, row.moderators) if group]
        return groups
    return [group for group in (access.members, *staff_groups(access)) if group is not None]


def audience_groups(access, audience):
    return staff_groups(access) if audience == Audience.STAFF else members_groups(access)


def owner_of_page(page):
    """The LocalAccess of the local at or above `page`, None for the International's."""
    if page is None or not page.path:
        return None
    paths = ancestor_paths(page.path, inclusive=True)
    return (
        _access_model()
        .objects.filter(local__path__in=paths)
        .select_related("local", "members", "editors", "moderators", "collection")
        .order_by("-local__depth")
        .first()
    )


def owner_of_collection(collection):
    """The LocalAccess whose collection is `collection` or above it, None for the
    International's (and for an archived local's) collections."""
    return (
        _access_model()
        .objects.filter(collection__in=collection.get_ancestors(inclusive=True))
        .select_related("local", "members", "editors", "moderators", "collection")
        .first()
    )


def restrict(restriction_model, groups, **target):
    """The GROUPS restriction of `restriction_model` on `target` (created or updated)."""
    restriction = restriction_model.objects.filter(**target).first()
    if restriction is None:
        restriction = restriction_model(**target)
    restriction.restriction_type = BaseViewRestriction.GROUPS
    restriction.password = ""
    restriction.save()
    restriction.groups.set(groups)
    return restriction


def audience_collection(access, audience):
    """The collection of the owner's files for `audience` (created, with its restriction, if
    missing); the owner's own collection for the public."""
    base = access.collection if access is not None else Collection.get_first_root_node()
    if audience == Audience.PUBLIC or base is None:
        return base
    label = access.local.label if access is not None else INTERNATIONAL_LABEL
    name = f"{label}: {COLLECTION_SUFFIX[audience]}"
    collection = base.get_children().filter(name=name).first()
    if collection is None:
        collection = base.add_child(name=name)
    restrict(CollectionViewRestriction, audience_groups(access, audience), collection=collection)
    return collection


def ensure_audience_collections(access):
    for audience in (Audience.MEMBERS, Audience.STAFF):
        audience_collection(access, audience)


def _audience_of_restrictions(restrictions, access):
    if not restrictions:
        return Audience.PUBLIC
    staff = {group.pk for group in staff_groups(access)}
    for restriction in restrictions:
        if restriction.restriction_type != BaseViewRestriction.GROUPS:
            return Audience.MEMBERS
        if not {group.pk for group in restriction.groups.all()} <= staff:
            return Audience.MEMBERS
    return Audience.STAFF


def page_audience(page, access):
    """The audience of `page` (its restrictions and its ancestors'): public, members (any
    restriction a member could pass: the members group, a password) or staff."""
    above = Page.objects.ancestor_of(page, inclusive=True)
    restrictions = PageViewRestriction.objects.filter(page__in=above)
    return _audience_of_restrictions(list(restrictions), access)


def collection_audience(collection, access):
    return _audience_of_restrictions(list(collection.get_view_restrictions()), access)


def refresh_international_members():
    """Give every International members-only restriction (those naming the "International
    members" group) the groups of every local, e.g. after a new local is provisioned."""
    group = Group.objects.filter(name=INTERNATIONAL_MEMBERS).first()
    if group is None:
        return
    wanted = None
    for model in (PageViewRestriction, CollectionViewRestriction):
        for restriction in model.objects.filter(groups=group):
            wanted = wanted if wanted is not None else members_groups(None)
            restriction.groups.add(*wanted)
