"""Read each PDF's text page by page (pypdf), off the request's time budget.

Saving a document schedules `extract_text_task` after the transaction commits (Wagtail's own
task backend, django-tasks: immediate by default, a worker when TASKS configures one), and so
does publishing a page showing a document whose text is missing or stale. The reading is
capped (settings CONTRACTS_PDF_MAX_BYTES, _SECONDS and _PAGES); what it finds replaces the
document's stored text in one transaction, and the pages showing the document are reindexed.
`manage.py extract_document_text` (re)reads documents by hand or from cron.
"""

import io
import logging
import time

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task
from wagtail.documents import get_document_model
from wagtail.search import index

from .models import ContractPage, DocumentPageText, DocumentTextStatus, LibraryDocumentPage
from .models.text import ExtractionStatus

logger = logging.getLogger(__name__)

DOCUMENT_PAGE_MODELS = (ContractPage, LibraryDocumentPage)


def _status_for(document):
    status, _ = DocumentTextStatus.objects.get_or_create(document=document)
    return status


def is_current(document):
    """Whether the stored text was read from the document's present file."""
    status = DocumentTextStatus.objects.filter(document=document).first()
    return (
        status is not None
        and status.status != ExtractionStatus.PENDING
        and status.file_name == document.file.name
    )


def _read_pages(data, max_seconds, max_pages):
    """[(page number, text)] and whether the cap stopped the reading."""
    from pypdf import PdfReader

    started = time.monotonic()
    reader = PdfReader(io.BytesIO(data))
    texts, complete = [], True
    for number, pdf_page in enumerate(reader.pages, start=1):
        if number > max_pages or time.monotonic() - started > max_seconds:
            complete = False
            break
        texts.append((number, (pdf_page.extract_text() or "").replace("\x00", "")))
    return texts, len(reader.pages), complete


def extract(document, max_bytes=None, max_seconds=None, max_pages=None):
    """Read `document`'s text, store it, reindex the pages showing it; returns its status."""
    max_bytes = settings.CONTRACTS_PDF_MAX_BYTES if max_bytes is None else max_bytes
    status = _status_for(document)
    status.file_name = document.file.name
    status.extracted_at = timezone.now()
    status.page_count, status.pages_read, status.message = None, 0, ""
    texts = []
    try:
        status.file_size = document.file.size
        if not document.file.name.lower().endswith(".pdf"):
            status.status = ExtractionStatus.NOT_PDF
        elif status.file_size > max_bytes:
            status.status = ExtractionStatus.TOO_LARGE
            status.message = f"{status.file_size} bytes; the limit is {max_bytes}"
        else:
            with document.file.open("rb") as handle:
                data = handle.read()
            texts, status.page_count, complete = _read_pages(
                data,
                settings.CONTRACTS_PDF_MAX_SECONDS if max_seconds is None else max_seconds,
                settings.CONTRACTS_PDF_MAX_PAGES if max_pages is None else max_pages,
            )
            status.pages_read = len(texts)
            if not any(text.strip() for _, text in texts):
                status.status = ExtractionStatus.NO_TEXT
            else:
                status.status = ExtractionStatus.OK if complete else ExtractionStatus.PARTIAL
    except Exception as error:  # a broken upload must not break the save that scheduled it
        logger.warning("could not read the text of document %s", document.pk, exc_info=True)
        status.status = ExtractionStatus.FAILED
        status.message = str(error)[:255]
        texts = []
    with transaction.atomic():
        DocumentPageText.objects.filter(document=document).delete()
        DocumentPageText.objects.bulk_create(
            DocumentPageText(document=document, page_number=number, text=text)
            for number, text in texts
            if text.strip()
        )
        status.save()
    reindex_pages_showing(document)
    return status


def reindex_pages_showing(document):
    for model in DOCUMENT_PAGE_MODELS:
        for page in model.objects.filter(document=document):
            index.insert_or_update_object(page)


@task()
def extract_text_task(document_id):
    document = get_document_model().objects.filter(pk=document_id).first()
    if document is not None and not is_current(document):
        extract(document)


def schedule(document_id):
    """Read the document's text once the current transaction has committed."""
    transaction.on_commit(lambda: extract_text_task.enqueue(document_id))
