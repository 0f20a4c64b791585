"""Read each PDF's text page by page (pypdf), in the task worker and under hard limits.

Saving a document, or publishing a page showing a document whose text is missing or stale,
marks its text "pending" and enqueues `extract_text_task` after the transaction commits; the
web request does nothing more. The task worker (`manage.py db_worker --backend worker`,
opeiu_site/core/tasks.py) reads the file in a child process (contracts/pdf_reader.py) capped
in time, memory and pages (settings CONTRACTS_PDF_MAX_SECONDS, _MAX_MEMORY_MB, _MAX_PAGES;
CONTRACTS_PDF_MAX_BYTES refuses larger files unread), so a hostile PDF costs the worker a few
seconds and ends "partial" or "failed", never "pending". What it finds replaces the
document's stored text in one transaction, and the pages showing the document are reindexed.
`manage.py extract_document_text` (re)reads documents by hand or from cron.
"""

import json
import logging
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.search import index

from opeiu_site.core.tasks import worker_task

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


READER = Path(__file__).with_name("pdf_reader.py")
# The child's own start (Python, pypdf's import) is not the document's reading time.
STARTUP_SECONDS = 5


class ReadError(Exception):
    pass


def _read_pages(data, max_seconds, max_pages):
    """[(page number, text)], the page count and whether every page was read, from a child
    process killed after `max_seconds`; what it printed before that is kept."""
    max_memory = settings.CONTRACTS_PDF_MAX_MEMORY_MB * 1024 * 1024
    command = [sys.executable, "-I", str(READER), str(max_seconds), str(max_pages), str(max_memory)]
    process = subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        output, errors = process.communicate(data, timeout=max_seconds + STARTUP_SECONDS)
        timed_out = False
    except subprocess.TimeoutExpired:
        process.kill()
        output, errors = process.communicate()
        timed_out = True
    texts, page_count, complete = [], None, False
    for line in output.decode("utf-8", "replace").splitlines():
        try:
            item = json.loads(line)
        except ValueError:
            break  # a line cut short by the kill
        if "pages" in item:
            page_count = item["pages"]
        elif "page" in item:
            texts.append((item["page"], item["text"]))
        elif "complete" in item:
            complete = item["complete"]
    if texts or complete:
        return texts, page_count, complete and not timed_out
    if timed_out or process.returncode == -24:  # SIGXCPU: its CPU time ran out
        raise ReadError(f"took longer than {max_seconds:g} s")
    if b"MemoryError" in errors:
        raise ReadError(f"needed more than {settings.CONTRACTS_PDF_MAX_MEMORY_MB} MB")
    last = errors.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
    raise ReadError(last[0])


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
            if not complete:
                status.status = ExtractionStatus.PARTIAL
            elif not any(text.strip() for _, text in texts):
                status.status = ExtractionStatus.NO_TEXT
            else:
                status.status = ExtractionStatus.OK
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


@worker_task
def extract_text_task(document_id):
    document = get_document_model().objects.filter(pk=document_id).first()
    if document is not None and not is_current(document):
        extract(document)


def schedule(document):
    """Mark the document's text "pending" and have the worker read it once the current
    transaction has committed; nothing when the stored text is the present file's."""
    if is_current(document):
        return
    DocumentTextStatus.objects.update_or_create(
        document=document, defaults={"status": ExtractionStatus.PENDING}
    )
    document_id = document.pk
    transaction.on_commit(lambda: extract_text_task.enqueue(document_id))
