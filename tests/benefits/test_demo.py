"""The demo's offers and promos: AT&T open with its PDF, MetLife closed, Election 2024 gone."""

import pytest
from wagtail.documents import get_document_model

pytestmark = pytest.mark.clock  # the demo's offers open and close relative to today


@pytest.fixture
def media_in_tmp():
    """(Overrides the package's per-test MEDIA_ROOT: the demo's files stay where demo_data
    put them.)"""


def test_demo_benefits_and_promos_show_the_right_things(demo_data, db, client):
    """(A second run of load_demo adding nothing: tests/core/test_demo.py.)"""
    benefits = client.get("/benefits/").content.decode()
    assert "AT&amp;T discounts for OPEIU members" in benefits
    assert "MetLife Legal Plans" not in benefits
    assert "Ends soon" in benefits  # the clearly-labelled sample offer
    archive = client.get("/benefits/?show=closed").content.decode()
    assert "MetLife Legal Plans for only $19.95 per Month" in archive

    home = client.get("/").content.decode()
    assert 'href="/benefits/">Member benefits</a>' in home  # in the main menu
    assert "Download the OPEIU app" in home
    assert ">App Store</a>" in home and ">Google Play</a>" in home
    assert "Join the OPEIU Member Action Team" in home
    assert 'href="/member-action-team/">Join the team</a>' in home
    assert "Retiree Action Team" in home and "OPEIU Connect" in home
    assert "Election 2024" not in home
    assert "AT&amp;T discounts for OPEIU members" in home

    att = client.get("/benefits/att-discounts/").content.decode()
    document = get_document_model().objects.get(title="AT&T discounts for OPEIU members")
    assert document.file.read(5) == b"%PDF-"
    assert f'href="{document.url}" download>' in att and "(PDF, " in att

    metlife = client.get("/benefits/metlife-legal-plans/").content.decode()
    assert "$19.95 per month" in metlife and "New customers only." in metlife
    assert "This offer has closed" in metlife
