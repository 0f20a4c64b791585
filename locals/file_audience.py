"""A file chosen in a restricted place is restricted from the moment the draft is saved.

When a page's content is saved (a draft revision, a publish, a privacy change on it or above
it) and the page is members-only (or staff-only), each document it names that its owner owns
and that is more public than the page moves into the owner's collection for the page's
audience (locals.audience). Only ever towards private, and only the owner's own files: a
page never moves another local's file, nor the International's (it may name only their
public ones, see admin_scope.refuse_reference; they stay where they are).

Images are public by nature (docs/admin-isolation.md) and are not moved.
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.documents import get_document_model
from wagtail.models import Page, ReferenceIndex

from .audience import (
    RANK,
    Audience,
    audience_collection,
    collection_audience,
    owner_of_collection,
    owner_of_page,
    page_audience,
)


def documents_named_by(page):
    """The ids of the documents `page` (a content instance, e.g. a revision's) names, in its
    fields, StreamFields, rich text and inline rows (Wagtail's own reference extraction, the
    one its reference index runs on save; here on unsaved revision content)."""
    document_type = ContentType.objects.get_for_model(get_document_model())
    return {
        int(object_id)
        for type_id, object_id, _model_path, _content_path in (
            ReferenceIndex._extract_references_from_object(page)
        )
        if type_id == document_type.pk and str(object_id).isdigit()
    }


def _same_owner(first, second):
    return (first.pk if first else None) == (second.pk if second else None)


def protect_files_of(page, content=None):
    """Move the files `content` (default: the page's latest content) names into the page
    owner's collection for the page's audience, where they are more public. Returns how many
    files moved."""
    if content is None:
        content = page.specific.get_latest_revision_as_object()
    ids = documents_named_by(content)
    if not ids:
        return 0
    access = owner_of_page(page)
    audience = page_audience(page, access)
    if audience == Audience.PUBLIC:
        return 0
    moved = 0
    target = None
    documents = get_document_model().objects.filter(pk__in=ids).select_related("collection")
    for document in documents:
        if not _same_owner(owner_of_collection(document.collection), access):
            continue
        if RANK[collection_audience(document.collection, access)] >= RANK[audience]:
            continue
        target = target or audience_collection(access, audience)
        document.collection = target
        document.save(update_fields=["collection"])
        moved += 1
    return moved


def protect_files_below(page):
    """`protect_files_of` for `page` and every page below it (after a privacy change)."""
    moved = 0
    for node in Page.objects.descendant_of(page, inclusive=True).specific():
        moved += protect_files_of(node)
    return moved
