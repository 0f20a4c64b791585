"""Read a document's text after it is saved, or when a page showing it is published; keep a
restricted library document's file private."""

from django.db.models.signals import post_save
from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published

from . import extraction, privacy
from .models import ContractPage, LibraryDocumentPage


def document_saved(sender, instance, raw=False, **kwargs):
    if not raw and instance.file:
        extraction.schedule(instance)


def document_page_published(sender, instance, **kwargs):
    document = instance.document
    if document is not None:
        extraction.schedule(document)
    if isinstance(instance, LibraryDocumentPage):
        privacy.protect_documents(instance)


def restriction_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        privacy.protect_documents(instance.page)


def connect():
    post_save.connect(document_saved, sender=get_document_model(), dispatch_uid="contracts-doc")
    for model in (ContractPage, LibraryDocumentPage):
        page_published.connect(document_page_published, sender=model)
    post_save.connect(restriction_saved, sender=PageViewRestriction, dispatch_uid="contracts-pvr")
