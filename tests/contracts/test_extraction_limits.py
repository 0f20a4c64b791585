"""The reading of one PDF is capped in memory as well as time (contracts/pdf_reader.py runs
under resource limits): a small file whose content stream inflates to tens of megabytes fails
with a message the editor can act on, and the caller's own memory is never at stake. The time
cap is shown with the real worker (test_worker_extraction.py)."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from contracts import extraction

from .hostile_pdf import hostile_pdf

pytestmark = pytest.mark.django_db


@pytest.mark.clock
def test_a_pdf_needing_more_memory_than_allowed_fails_in_its_own_process(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.CONTRACTS_PDF_MAX_MEMORY_MB = 100
    data = hostile_pdf(pages=1, stream_bytes=60_000_000)
    assert len(data) < 256 * 1024
    document = get_document_model()(title="Bomb")
    document.file.save("bomb.pdf", ContentFile(data), save=False)
    document.save()

    status = extraction.extract(document)
    assert status.status == "failed"
    assert status.message == "needed more than 100 MB"
    assert status.needs_attention and not document.page_texts.exists()
