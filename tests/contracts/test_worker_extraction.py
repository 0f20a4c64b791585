"""PDF text is read by the task worker, never in the web request (issue 22, item 10).

The real worker process (`manage.py db_worker`, as `make run` and compose start it) runs on
the test's database. Uploading a small hostile PDF (pages sharing one content stream that
inflates to 5 MB, about a minute of pypdf per page) answers at once with its text "pending";
the worker's child process hits its time limit and the document ends "failed", not stuck
"pending", while the contract's ordinary PDF is read and found by the site search."""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection

from contracts.models import DocumentTextStatus

from ..worker import wait_until
from .hostile_pdf import hostile_pdf

pytestmark = [
    pytest.mark.slow,
    # The worker is another process: the test's rows are committed (tests/conftest.py).
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

MAX_SECONDS = 2


def _status(document):
    return DocumentTextStatus.objects.get(document=document)


def test_a_hostile_pdf_costs_the_web_request_nothing_and_the_worker_seconds(
    task_worker, contracts_tree, admin_client, client
):
    worker = task_worker(CONTRACTS_PDF_MAX_SECONDS=str(MAX_SECONDS))
    data = hostile_pdf()
    assert len(data) < 20 * 1024

    started = time.monotonic()
    response = admin_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Hostile",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile("hostile.pdf", data, "application/pdf"),
        },
    )
    elapsed = time.monotonic() - started
    assert response.status_code == 302, response.content.decode()[:2000]
    assert elapsed < MAX_SECONDS, f"the upload took {elapsed:.1f} s: it read the PDF"
    hostile = get_document_model().objects.get(title="Hostile")
    assert _status(hostile).status == "pending"
    # The site answers while the worker is busy with it.
    assert client.get("/search/", {"q": "overtime"}).status_code == 200

    wait_until(
        lambda: _status(hostile).status != "pending",
        seconds=60,
        what="the hostile PDF's status",
        worker=worker,
    )
    status = _status(hostile)
    assert status.status in ("failed", "partial"), (status.status, status.message)
    assert "longer than 2 s" in status.message

    # The contract's PDF was enqueued by its publish (in the fixture) and read by the worker.
    wait_until(
        lambda: _status(contracts_tree.document).status == "ok",
        seconds=60,
        what="the contract's PDF to be read",
        worker=worker,
    )
    html = client.get("/search/", {"q": "overtime"}).content.decode()
    assert "HealthPartners contract 2025–2028" in html and "Page 2 of the PDF" in html
