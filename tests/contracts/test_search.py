"""Search inside the PDFs: text read per page after commit, found by the site search and the
contracts search with the page number, an excerpt and a link to the PDF at that page."""

import pytest
from django.core.management import call_command

from contracts.models import DocumentPageText, DocumentTextStatus

from .factories import ContractPageFactory, make_pdf, publish

pytestmark = pytest.mark.django_db


@pytest.mark.clock
def test_text_is_read_per_page_after_commit(contracts_tree):
    pages = dict(
        DocumentPageText.objects.filter(document=contracts_tree.document).values_list(
            "page_number", "text"
        )
    )
    assert "OVERTIME" in pages[2] and "BEREAVEMENT LEAVE" in pages[3]
    assert DocumentTextStatus.objects.get(document=contracts_tree.document).status == "ok"


@pytest.mark.clock
def test_site_search_finds_a_clause_with_its_page(client, contracts_tree):
    html = client.get("/search/", {"q": "overtime"}).content.decode()
    assert "HealthPartners contract 2025–2028" in html
    assert f'href="{contracts_tree.document.url}#page=2"' in html
    assert "Page 2 of the PDF" in html and "one and one-half times" in html


@pytest.mark.clock
def test_contracts_search_finds_a_phrase_on_its_page(client, contracts_tree):
    html = client.get(contracts_tree.index.url, {"q": "bereavement leave"}).content.decode()
    assert "HealthPartners contract 2025–2028" in html
    assert f'{contracts_tree.document.url}#page=3"' in html
    assert "five paid days" in html
    assert (
        "No contracts match"
        in client.get(contracts_tree.index.url, {"q": "sabbatical"}).content.decode()
    )


@pytest.mark.clock
def test_a_new_file_is_read_again(contracts_tree, django_capture_on_commit_callbacks):
    from django.core.files.base import ContentFile

    from contracts.pdf import pdf_bytes

    document = contracts_tree.document
    with django_capture_on_commit_callbacks(execute=True):
        document.file.save("v2.pdf", ContentFile(pdf_bytes([["ARTICLE 1. TELEWORK"]])))
    texts = list(DocumentPageText.objects.filter(document=document).values_list("text", flat=True))
    assert len(texts) == 1 and "TELEWORK" in texts[0]


@pytest.mark.clock
def test_a_scanned_pdf_is_flagged_to_the_editor(
    admin_client, contracts_tree, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        scan = make_pdf("Scanned contract", pages=[None, None])
        contract = publish(
            ContractPageFactory(parent=contracts_tree.employer, title="Old scan", document=scan)
        )
    assert DocumentTextStatus.objects.get(document=scan).status == "no_text"
    html = admin_client.get(f"/admin/pages/{contract.pk}/edit/").content.decode()
    assert "Members cannot search inside this PDF" in html
    ok = admin_client.get(f"/admin/pages/{contracts_tree.contract.pk}/edit/").content.decode()
    assert "The text of this PDF is searchable (3 pages)" in ok


@pytest.mark.clock
def test_the_command_rereads_with_a_size_cap(contracts_tree, capsys):
    call_command("extract_document_text", str(contracts_tree.document.pk), "--max-bytes", "10")
    status = DocumentTextStatus.objects.get(document=contracts_tree.document)
    assert status.status == "too_large"
    assert not DocumentPageText.objects.filter(document=contracts_tree.document).exists()
    call_command("extract_document_text", "--all")
    assert DocumentPageText.objects.filter(document=contracts_tree.document).count() == 3


@pytest.mark.clock
def test_the_page_cap_comes_from_settings(contracts_tree, settings):
    """CONTRACTS_PDF_MAX_PAGES is read when a PDF is read, not when the code was imported: a
    deployment's smaller cap keeps the pages before it and says the reading stopped."""
    settings.CONTRACTS_PDF_MAX_PAGES = 2
    call_command("extract_document_text", str(contracts_tree.document.pk))
    status = DocumentTextStatus.objects.get(document=contracts_tree.document)
    assert status.status == "partial"
    assert status.page_count == 3 and status.pages_read == 2
    pages = DocumentPageText.objects.filter(document=contracts_tree.document)
    assert sorted(pages.values_list("page_number", flat=True)) == [1, 2]
