"""Editor-entered text is escaped on every page type, and public pages run no inline script.

Walks every concrete page model (so page types added later are covered), builds a published
page with every text field, StreamField text block and inline child (form fields' labels and
help text included) set to a script payload, renders it anonymously and looks for the payload.
"""

import re

import pytest

from .pagebuilder import PAYLOAD, CannotBuild, PageBuilder, concrete_page_models

pytestmark = pytest.mark.clock  # reads today's date (tests/clock.py)

SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)


@pytest.mark.parametrize("model", concrete_page_models(), ids=lambda m: m._meta.label)
def test_editor_text_is_escaped_on_every_page_type(model, home, client):
    builder = PageBuilder(home)
    if model._meta.label == "home.HomePage":
        page = home
        for field in ("title", "seo_title", "search_description", "listing_summary"):
            setattr(page, field, PAYLOAD)
        page.hero_heading = page.hero_text = PAYLOAD
        page.body = builder.stream_value(type(page).body.field.stream_block)
        page.save_revision().publish()
    else:
        try:
            page = builder.build(model)
        except CannotBuild as reason:
            pytest.fail(f"{model._meta.label} cannot be built for the escaping test: {reason}")

    response = client.get(page.url, follow=True)
    assert response.status_code == 200, f"{page.url} answered {response.status_code}"
    html = response.content.decode()
    assert "alert(1)" in html, "the payload should be on the page, escaped"
    assert PAYLOAD not in html, f"{model._meta.label} renders editor text unescaped"
    assert "<script>alert" not in html.lower()

    # Strict CSP without nonces (one cached body for everyone): the only inline <script>
    # elements allowed are JSON-LD data blocks, which browsers never execute.
    assert "nonce-" not in response["Content-Security-Policy"]
    for attributes in SCRIPT_TAG.findall(html):
        if "src=" in attributes:
            continue
        assert 'type="application/ld+json"' in attributes, (
            f"inline executable <script{attributes}> on {model._meta.label}"
        )
