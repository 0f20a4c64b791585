from dataclasses import dataclass

import pytest
from wagtail.models import Page

from tests.locals.helpers import build_locals_tree

from .factories import (
    ContractIndexPageFactory,
    ContractPageFactory,
    add_employer,
    make_pdf,
    publish,
)

PRIVATE_PHONE = "651-555-0999"
PUBLIC_PHONE = "651-555-0111"
PRIVATE_EMAIL = "hidden.steward@example.org"


@dataclass
class ContractsTree:
    tree: object
    index: Page
    employer: Page
    contract: Page
    document: object


@pytest.fixture
def contracts_tree(home, django_capture_on_commit_callbacks):
    """Local 12 with a Contracts index, HealthPartners (a steward with a public phone and one
    with a private phone and email) and its contract with a PDF whose text has been read."""
    tree = build_locals_tree(home)
    index = publish(ContractIndexPageFactory(parent=tree.local12))
    employer = add_employer(
        index,
        "HealthPartners",
        worksites="Como Clinic, Saint Paul",
        news_tag="healthpartners",
        stewards=[
            {"name": "Dana Public", "phone": PUBLIC_PHONE, "show_phone": True},
            {
                "name": "Luis Private",
                "unit_or_worksite": "Call center",
                "phone": PRIVATE_PHONE,
                "email": PRIVATE_EMAIL,
            },
        ],
    )
    with django_capture_on_commit_callbacks(execute=True):
        document = make_pdf("HealthPartners contract", collection=tree.local12.access.collection)
        contract = ContractPageFactory(
            parent=employer,
            title="HealthPartners contract 2025–2028",
            unit=employer.units.first(),
            document=document,
        )
        publish(contract)
    return ContractsTree(tree, index, employer, contract, document)
