"""Contracts, bargaining units, stewards, officers and the document library of a section.

Everything is a page (or an inline of one) under the section root (a LocalPage or the
International's HomePage), so a local's staff edit exactly their local's data through Wagtail's
per-subtree page permissions, and the PDFs live in the local's own collection.
"""

# The pages' choices live in contracts.choices, below the listing forms and wording.
from ..choices import ContractStatus, DocumentKind, RatificationResult
from .contract import ContractPage
from .employers import BargainingUnit, EmployerPage, Steward
from .index import ContractIndexPage
from .library import DocumentLibraryPage, LibraryDocumentPage
from .officers import Officer, OfficerKind, OfficersPage
from .text import DocumentPageText, DocumentTextStatus, ExtractionStatus

__all__ = [
    "BargainingUnit",
    "ContractIndexPage",
    "ContractPage",
    "ContractStatus",
    "DocumentKind",
    "DocumentLibraryPage",
    "DocumentPageText",
    "DocumentTextStatus",
    "EmployerPage",
    "ExtractionStatus",
    "LibraryDocumentPage",
    "Officer",
    "OfficerKind",
    "OfficersPage",
    "RatificationResult",
    "Steward",
]
