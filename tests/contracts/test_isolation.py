"""Local 212's staff can neither see nor edit Local 12's contracts, stewards or documents."""

import pytest

from tests.locals.helpers import login_as_local_editor

pytestmark = pytest.mark.django_db


@pytest.mark.clock
def test_another_locals_editor_cannot_see_or_edit_local_12s_contracts(client, contracts_tree):
    login_as_local_editor(client, 212)
    for page in (contracts_tree.index, contracts_tree.employer, contracts_tree.contract):
        response = client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code in (302, 403), page
    explorer = client.get(f"/admin/pages/{contracts_tree.tree.local12.pk}/")
    assert "HealthPartners" not in explorer.content.decode()
    documents = client.get("/admin/documents/").content.decode()
    assert "HealthPartners contract" not in documents
    edit_document = client.get(f"/admin/documents/edit/{contracts_tree.document.pk}/")
    assert edit_document.status_code in (302, 403)


@pytest.mark.clock
def test_local_12s_editor_edits_its_contracts_and_stewards(client, contracts_tree):
    login_as_local_editor(client, 12)
    response = client.get(f"/admin/pages/{contracts_tree.employer.pk}/edit/")
    assert response.status_code == 200
    assert "Luis Private" in response.content.decode()  # stewards are edited by their local
    assert client.get(f"/admin/documents/edit/{contracts_tree.document.pk}/").status_code == 200
