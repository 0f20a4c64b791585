"""Read a document's text after it is saved, or when a page showing it is published; reindex
the pages showing a document when who may read it changes (search holds the text of public
files only: DocumentTextMixin.document_search_text)."""

from django.db.models.signals import post_delete, post_save
from wagtail.documents import get_document_model
from wagtail.models import CollectionViewRestriction
from wagtail.signals import page_published

from . import extraction
from .models import ContractPage, LibraryDocumentPage


def document_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    if instance.file:
        extraction.schedule(instance)
    # It may have moved into (or out of) a restricted collection.
    extraction.reindex_pages_showing(instance)


def document_page_published(sender, instance, **kwargs):
    document = instance.document
    if document is not None:
        extraction.schedule(document)


def collection_restriction_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    documents = get_document_model().objects.filter(
        collection__path__startswith=instance.collection.path
    )
    for document in documents.filter(pk__in=_shown_document_ids()):
        extraction.reindex_pages_showing(document)


def _shown_document_ids():
    ids = set()
    for model in extraction.DOCUMENT_PAGE_MODELS:
        ids.update(model.objects.exclude(document=None).values_list("document_id", flat=True))
    return ids


def connect():
    post_save.connect(document_saved, sender=get_document_model(), dispatch_uid="contracts-doc")
    for model in (ContractPage, LibraryDocumentPage):
        page_published.connect(document_page_published, sender=model)
    for signal in (post_save, post_delete):
        signal.connect(
            collection_restriction_changed,
            sender=CollectionViewRestriction,
            dispatch_uid=f"contracts-cvr-{signal is post_save}",
        )
