"""Issue 24, item 1 in the real admin: a local's editor imports a 5-row roster with one bad row
in Chromium (upload, preview naming the refused line and its reason, confirm), finds the
import in the history and the members on the roster. Local 212's, so the demo's Local 12
roster (the demo member others sign in with) stays as it is. The pages have no axe violation.
"""

import csv
import io
import uuid

import pytest

from .axe import describe, run_axe
from .test_editor_flow import LONG, screenshots_on_failure

pytestmark = pytest.mark.browser

EDITOR_212 = ("local212-editor", "local212-editor-demo")


def five_rows(tag):
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(["Member No", "First Name", "Last Name", "Email Address", "Status"])
    writer.writerow([f"212-{tag}-1", "Ada", "Kowal", f"ada.{tag}@example.org", "active"])
    writer.writerow([f"212-{tag}-2", "Bo", "Reyes", f"bo.{tag}@example.org", "active"])
    writer.writerow([f"212-{tag}-3", "Cy", "Moss", "cy-at-example.org", "active"])
    writer.writerow([f"212-{tag}-4", "Di", "Lund", f"di.{tag}@example.org", "retired"])
    writer.writerow([f"212-{tag}-5", "Ed", "Vance", "", "active"])
    return out.getvalue().encode()


def axe_clean(page, node_modules):
    violations = run_axe(page, node_modules / "axe-core" / "axe.min.js")
    assert violations == [], describe({page.url: violations})


def test_staff_import_a_roster_with_one_bad_row(logged_in_page, node_modules):
    tag = uuid.uuid4().hex[:6]
    editor = logged_in_page(*EDITOR_212)
    with screenshots_on_failure(editor):
        editor.get_by_role("link", name="Roster").first.click()
        editor.wait_for_url("**/admin/roster/*/", timeout=LONG)
        axe_clean(editor, node_modules)
        editor.get_by_role("link", name="Import a roster file").click()
        editor.get_by_label("Roster file (.csv or .xlsx)").set_input_files(
            {"name": "roster-212.csv", "mimeType": "text/csv", "buffer": five_rows(tag)}
        )
        editor.get_by_role("button", name="Upload and preview").click()
        editor.get_by_role("heading", name="What the import would do").wait_for(timeout=LONG)
        axe_clean(editor, node_modules)
        assert editor.locator('[data-count="added"]').inner_text() == "4"
        assert editor.locator('[data-count="refused"]').inner_text() == "1"
        refused = editor.locator("#refused tbody tr")
        assert refused.count() == 1
        assert refused.first.inner_text().split("\t") == [
            "4",
            f"212-{tag}-3",
            "bad email “cy-at-example.org”",
        ]

        editor.get_by_role("button", name="Confirm the import").click()
        editor.get_by_text("Roster imported: 4 added").wait_for(timeout=LONG)
        editor.reload()  # Wagtail's flash message fades in: axe reads it half-transparent
        axe_clean(editor, node_modules)
        assert "roster-212.csv" in editor.locator("table.listing").inner_text()
        editor.get_by_role("navigation", name="Roster").get_by_role("link", name="Roster").click()
        editor.get_by_label("Name, number, email, employer or worksite").fill(tag)
        editor.locator("form.opeiu-search").get_by_role("button", name="Search").click()
        rows = editor.locator("table.listing tbody tr")
        rows.first.wait_for(timeout=LONG)
        assert rows.count() == 4
        assert f"212-{tag}-3" not in editor.locator("table.listing").inner_text()
