"""Keep a restricted document's file as private as its page.

Wagtail's page privacy (Privacy in the page's menu) hides a page from every public listing,
search and the sitemap, but the file behind `/documents/<id>/...` follows its *collection's*
privacy. When a library document's page is restricted (itself or through its library), its
file moves into a child collection of its own collection carrying the same restriction, so the
file is refused without the login or password too. Child collections inherit the local's
collection permissions, so the local's staff keep managing the file.
"""

from django.db import transaction
from wagtail.models import CollectionViewRestriction

from .models import LibraryDocumentPage

MEMBERS_ONLY = "members only"


def _restricted_collection(parent, restriction):
    """The child of `parent` mirroring `restriction` (created or updated)."""
    if restriction.restriction_type == restriction.LOGIN:
        name = f"{parent.name}: {MEMBERS_ONLY}"
    else:
        name = f"{parent.name}: restricted like page {restriction.page_id}"
    collection = parent.get_children().filter(name=name).first()
    if collection is None:
        collection = parent.add_child(name=name)
    mirror = CollectionViewRestriction.objects.filter(collection=collection).first()
    if mirror is None:
        mirror = CollectionViewRestriction(collection=collection)
    mirror.restriction_type = restriction.restriction_type
    mirror.password = restriction.password
    mirror.save()
    mirror.groups.set(restriction.groups.all())
    return collection


@transaction.atomic
def protect_documents(page):
    """Move the files of the restricted library documents at or under `page` into restricted
    collections. Returns how many files moved."""
    moved = 0
    documents = LibraryDocumentPage.objects.descendant_of(page, inclusive=True).select_related(
        "document__collection"
    )
    for document_page in documents:
        restrictions = document_page.get_view_restrictions()
        if not restrictions:
            continue
        document = document_page.document
        if document.collection.get_view_restrictions():
            continue  # already private through its collection
        document.collection = _restricted_collection(document.collection, restrictions[0])
        document.save(update_fields=["collection"])
        moved += 1
    return moved
