"""Factories for contracts tests: indexes, employers, contracts, libraries, PDFs with known
clauses on known pages."""

import datetime as dt

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from django.utils.text import slugify
from wagtail.documents import get_document_model

from contracts.models import (
    BargainingUnit,
    ContractIndexPage,
    ContractPage,
    DocumentLibraryPage,
    EmployerPage,
    LibraryDocumentPage,
    OfficersPage,
    Steward,
)
from contracts.pdf import pdf_bytes

# A contract whose clauses sit on known pages: overtime on page 2, bereavement leave on page 3.
CLAUSE_PAGES = [
    ["AGREEMENT between the Employer and OPEIU", "ARTICLE 1. RECOGNITION", "The union."],
    ["ARTICLE 6. OVERTIME", "Overtime is paid at one and one-half times the regular rate."],
    ["ARTICLE 11. BEREAVEMENT LEAVE", "Bereavement leave of up to five paid days is granted."],
]


def make_pdf(title="Contract", pages=None, collection=None):
    document = get_document_model()(title=title)
    if collection is not None:
        document.collection = collection
    document.file.save(
        f"{title.lower().replace(' ', '-')}.pdf",
        ContentFile(pdf_bytes(pages or CLAUSE_PAGES, title=title)),
        save=False,
    )
    document.file_size = document.file.size
    document.save()
    return document


class ContractIndexPageFactory(wagtail_factories.PageFactory):
    title = "Contracts"
    slug = "contracts"

    class Meta:
        model = ContractIndexPage


class EmployerPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Employer {n}")
    slug = factory.Sequence(lambda n: f"employer-{n}")

    class Meta:
        model = EmployerPage


class ContractPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Contract {n}")
    slug = factory.Sequence(lambda n: f"contract-{n}")
    status = "in_force"
    effective_date = dt.date(2025, 1, 1)
    expiry_date = dt.date(2028, 1, 1)

    class Meta:
        model = ContractPage


class DocumentLibraryPageFactory(wagtail_factories.PageFactory):
    title = "Documents"
    slug = "documents"

    class Meta:
        model = DocumentLibraryPage


class LibraryDocumentPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Document {n}")
    slug = factory.Sequence(lambda n: f"document-{n}")
    kind = "minutes"
    date = dt.date(2026, 10, 7)

    class Meta:
        model = LibraryDocumentPage


def publish(page):
    page.save_revision().publish()
    return page


def add_employer(index, title, unit="Clinic staff", worksites="", stewards=(), **fields):
    """A published employer with one unit and these stewards (dicts of Steward fields)."""
    fields.setdefault("slug", slugify(title))
    employer = EmployerPageFactory(parent=index, title=title, **fields)
    employer.units = [BargainingUnit(name=unit, worksites=worksites)]
    employer.stewards = [Steward(**steward) for steward in stewards]
    employer.save()  # commits the units and stewards, so contracts can point at a unit
    publish(employer)
    return EmployerPage.objects.get(pk=employer.pk)


class OfficersPageFactory(wagtail_factories.PageFactory):
    title = "Officers and staff"
    slug = "officers"

    class Meta:
        model = OfficersPage
