"""Who a file is for: its audience is a property of the file, read from its collection.

A document or image belongs to the collection it is in; a collection with a view restriction
(on itself or on a collection above it) is for that restriction's audience (a local's
members, a local's staff), every other collection is public. Nothing else decides: not the
pages that link the file (see docs/admin-isolation.md).

Public output (site search, contracts search, excerpts of a PDF's text) uses only public
files: `public_media()` narrows a queryset of documents or images to them in one query.
"""

from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from wagtail.models import CollectionViewRestriction


def restricted(path_reference):
    """Exists() of a view restriction on the collection at `path_reference` (an OuterRef to a
    collection path) or on a collection above it (whose path is a prefix of it)."""
    return Exists(
        CollectionViewRestriction.objects.filter(
            collection__path=Substr(path_reference, 1, Length("collection__path"))
        )
    )


def public_media(queryset):
    """`queryset` (documents or images) without the files in restricted collections (no
    extra query: a subquery)."""
    return queryset.exclude(restricted(OuterRef("collection__path")))


def is_public_collection(collection):
    return not collection.get_view_restrictions().exists()


def is_public_media(item):
    """Is this document or image for everyone (its collection and those above unrestricted)?"""
    return item is not None and is_public_collection(item.collection)
