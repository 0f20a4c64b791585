"""The demo's action pages: both action teams, the Red Cross petition, an organizer form."""

import pytest
from wagtail.contrib.forms.models import FormSubmission

from actions.models import ActionPage
from tests.actions.conftest import signed

pytestmark = pytest.mark.clock  # reads today's date (tests/clock.py)


def test_demo_builds_the_action_pages(demo_data, db, client):
    """(A second run of load_demo adding nothing: tests/core/test_demo.py.)"""
    petition = ActionPage.objects.get(slug="red-cross-petition")
    assert petition.title == "Tell the Red Cross: Front-Line Heroes Deserve a DIGNIFIED Contract"
    assert petition.url == "/red-cross-petition/" and petition.goal
    html = client.get("/red-cross-petition/").content.decode()
    assert "May 31" in html and "understaffing" in html
    assert "<strong>0</strong> signatures" in html

    response = client.post(
        "/red-cross-petition/", signed(last_name="Parks", zip_or_postal_code="10011")
    )
    assert "Thank you for signing" in response.content.decode()
    assert FormSubmission.objects.filter(page=petition).count() == 1
    assert "<strong>1</strong> signature " in client.get("/red-cross-petition/").content.decode()

    for path in ("/member-action-team/", "/retiree-action-team/"):
        assert client.get(path).status_code == 200, path
