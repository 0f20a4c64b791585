"""The page listing (issue 27 item 9): a page with child pages opens them from its title, as a
folder would, with an "Edit" button beside it; a page without children opens its edit form
from its title; reports keep Wagtail's edit link (tests/browser/test_admin_widgets.py clicks
them in Chromium). Every admin page loads the date picker's Escape script."""

import re

import pytest
from django.urls import reverse

from tests.factories import StandardPageFactory


@pytest.fixture
def pages(home):
    parent = StandardPageFactory(parent=home, title="Bargaining updates", slug="bargaining")
    child = StandardPageFactory(parent=parent, title="Session one", slug="one")
    leaf = StandardPageFactory(parent=home, title="Contact us", slug="contact")
    return parent, child, leaf


def _title_link(html, title):
    """The href of the link around `title` in the listing's title cell."""
    match = re.search(
        r'<a href="([^"]+)"[^>]*>\s*<span id="page_\d+_title">(?:(?!</span>).)*?'
        + re.escape(title),
        html,
        re.S,
    )
    assert match, f"no title link for {title!r}"
    return match[1]


def test_titles_open_children_or_the_edit_form(admin_client, home, pages):
    parent, _child, leaf = pages
    html = admin_client.get(reverse("wagtailadmin_explore", args=[home.pk])).content.decode()
    assert _title_link(html, "Bargaining updates") == reverse(
        "wagtailadmin_explore", args=[parent.pk]
    )
    assert _title_link(html, "Contact us") == reverse("wagtailadmin_pages:edit", args=[leaf.pk])
    edit = reverse("wagtailadmin_pages:edit", args=[parent.pk])
    assert f'href="{edit}"' in html and "Edit “Bargaining updates”" in html
    assert "Edit “Contact us”" not in html  # its title is the edit link already
    assert "core/admin/date-picker-escape.js" in html


def test_reports_keep_the_edit_link(admin_client, pages):
    parent = pages[0]
    parent.locked = True
    parent.save(update_fields=["locked"])
    html = admin_client.get(reverse("wagtailadmin_reports:locked_pages")).content.decode()
    assert _title_link(html, "Bargaining updates") == reverse(
        "wagtailadmin_pages:edit", args=[parent.pk]
    )
    assert "Show its child pages" not in html
