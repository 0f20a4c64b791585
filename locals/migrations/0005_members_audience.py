"""Members-only means members of that local (docs/admin-isolation.md):

- each existing local gets its members group ("Local 12 members", no permissions);
- every "private, for logged-in users" (LOGIN) restriction, on a page or a collection,
  becomes a GROUPS restriction to its owner's members and staff (a local's), or, for the
  International's, to every local's members and staff, "International members" and the
  Communications staff;
- a document that only restricted pages linked (its privacy was inferred from them, which no
  longer happens) moves into its owner's "members only" collection, so that nothing that was
  private becomes public.

Written with the historical models (treebeard's paths by hand), so it keeps working whatever
the code becomes. `manage.py provision_locals` adds the rest (the "staff only" collections).
"""

from django.db import migrations

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEP = 4
GROUPS, LOGIN = "groups", "login"
INTERNATIONAL_MEMBERS = "International members"
COMMUNICATIONS = ["Communications editors", "Communications moderators"]


def _step(number):
    digits = ""
    for _ in range(STEP):
        number, digit = divmod(number, len(ALPHABET))
        digits = ALPHABET[digit] + digits
    return digits


def _child_collection(Collection, parent, name):
    existing = Collection.objects.filter(
        path__startswith=parent.path, depth=parent.depth + 1, name=name
    ).first()
    if existing is not None:
        return existing, False
    last = (
        Collection.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    number = int(last[-STEP:], 36) + 1 if last else 1
    child = Collection.objects.create(
        name=name, path=parent.path + _step(number), depth=parent.depth + 1, numchild=0
    )
    Collection.objects.filter(pk=parent.pk).update(numchild=parent.numchild + 1)
    parent.numchild += 1
    return child, True


class Owners:
    """Who owns a page or a collection, and its members audience."""

    def __init__(self, apps):
        Group = apps.get_model("auth", "Group")
        LocalAccess = apps.get_model("locals", "LocalAccess")
        self.rows = []
        for access in LocalAccess.objects.select_related("local", "collection"):
            label = f"{access.local.kind.title()} {access.local.number}"
            if access.members_id is None:
                access.members = Group.objects.get_or_create(name=f"{label} members")[0]
                access.save(update_fields=["members"])
            groups = [g for g in (access.members, access.editors, access.moderators) if g]
            self.rows.append((access, label, groups))
        self.international = [Group.objects.get_or_create(name=INTERNATIONAL_MEMBERS)[0]]
        self.international += list(Group.objects.filter(name__in=COMMUNICATIONS))
        for _access, _label, groups in self.rows:
            self.international += groups

    def of_page_path(self, path):
        found = [row for row in self.rows if path.startswith(row[0].local.path)]
        return max(found, key=lambda row: len(row[0].local.path)) if found else None

    def of_collection_path(self, path):
        for row in self.rows:
            if row[0].collection is not None and path.startswith(row[0].collection.path):
                return row
        return None

    def members(self, row):
        return row[2] if row else self.international


def _restrict_to_members(restrictions, owner_of, owners):
    for restriction in restrictions.filter(restriction_type=LOGIN):
        restriction.restriction_type = GROUPS
        restriction.save(update_fields=["restriction_type"])
        restriction.groups.set(owners.members(owner_of(restriction)))


def _restricted_page_paths(apps):
    PageViewRestriction = apps.get_model("wagtailcore", "PageViewRestriction")
    return list(PageViewRestriction.objects.values_list("page__path", flat=True))


def _documents_only_restricted_pages_link(apps):
    """{document id: paths of the live pages linking it} where every such page is restricted."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    ReferenceIndex = apps.get_model("wagtailcore", "ReferenceIndex")
    Page = apps.get_model("wagtailcore", "Page")
    page_type = ContentType.objects.filter(app_label="wagtailcore", model="page").first()
    document_type = ContentType.objects.filter(app_label="wagtaildocs", model="document").first()
    if page_type is None or document_type is None:
        return {}
    links = ReferenceIndex.objects.filter(
        base_content_type=page_type, to_content_type=document_type
    ).values_list("to_object_id", "object_id")
    pages_of = {}
    for document_id, page_id in links:
        if str(document_id).isdigit() and str(page_id).isdigit():
            pages_of.setdefault(int(document_id), set()).add(int(page_id))
    restricted = _restricted_page_paths(apps)
    found = {}
    for document_id, page_ids in pages_of.items():
        paths = list(Page.objects.filter(pk__in=page_ids, live=True).values_list("path", flat=True))
        if paths and all(any(p.startswith(r) for r in restricted) for p in paths):
            found[document_id] = paths
    return found


def _collection_is_restricted(apps, collection):
    CollectionViewRestriction = apps.get_model("wagtailcore", "CollectionViewRestriction")
    paths = [collection.path[:end] for end in range(STEP, len(collection.path) + 1, STEP)]
    return CollectionViewRestriction.objects.filter(collection__path__in=paths).exists()


def forwards(apps, schema_editor):
    Collection = apps.get_model("wagtailcore", "Collection")
    CollectionViewRestriction = apps.get_model("wagtailcore", "CollectionViewRestriction")
    PageViewRestriction = apps.get_model("wagtailcore", "PageViewRestriction")
    Document = apps.get_model("wagtaildocs", "Document")
    owners = Owners(apps)
    _restrict_to_members(
        PageViewRestriction.objects.select_related("page"),
        lambda r: owners.of_page_path(r.page.path),
        owners,
    )
    _restrict_to_members(
        CollectionViewRestriction.objects.select_related("collection"),
        lambda r: owners.of_collection_path(r.collection.path),
        owners,
    )
    root = Collection.objects.filter(depth=1).first()
    for document_id, paths in _documents_only_restricted_pages_link(apps).items():
        document = Document.objects.select_related("collection").get(pk=document_id)
        if _collection_is_restricted(apps, document.collection):
            continue
        row = owners.of_collection_path(document.collection.path)
        base = row[0].collection if row else root
        label = row[1] if row else "International"
        target, _created = _child_collection(Collection, base, f"{label}: members only")
        restriction = CollectionViewRestriction.objects.filter(collection=target).first()
        if restriction is None:
            restriction = CollectionViewRestriction.objects.create(
                collection=target, restriction_type=GROUPS, password=""
            )
        restriction.groups.add(*owners.members(row))
        document.collection = target
        document.save(update_fields=["collection"])


class Migration(migrations.Migration):
    dependencies = [
        ("locals", "0004_localaccess_members"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
