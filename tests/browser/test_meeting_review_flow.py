"""Issue 27's trial, in the real admin (items 1-3): Local 12's editor changes an Executive
Board date from the dashboard, opens the form again and picks the same date (no ?date=): the
fields show the change waiting for approval; they correct the note while it waits. The
moderator's dashboard row says what approving changes (before -> after, the corrected note
only), the preview shows the revision's date, approving confirms; an anonymous visitor sees
the corrected date on the series page. The dashboards of both have zero axe violations."""

import re
import uuid

import pytest

from .axe import describe, run_axe
from .test_dashboard_flow import BOARD, SERIES, anonymous, occurrence_block
from .test_editor_flow import EDITOR, LONG, MODERATOR, screenshots_on_failure

pytestmark = pytest.mark.browser


def axe_clean(page, node_modules):
    violations = run_axe(page, node_modules / "axe-core" / "axe.min.js")
    assert violations == [], describe({page.url: violations})


def usual_online_date(editor):
    """A coming board date still as usual (online, no change, not the first one, which the
    dashboard test changes), as the option value (ISO date)."""
    for option in editor.locator("#id_date option").all()[1:]:
        if option.inner_text().endswith("— Online"):
            return option.get_attribute("value")
    raise AssertionError("no board date as usual")


def send(editor):
    editor.get_by_role("button", name="Submit for approval").click()
    editor.get_by_text("is submitted for approval").last.wait_for(timeout=LONG)


def test_change_pick_again_correct_then_moderator_sees_and_approves(
    logged_in_page, demo_site, node_modules
):
    first, corrected = (f"{text} ({uuid.uuid4().hex[:6]})" for text in ("Room 2", "Room 5"))
    editor = logged_in_page(*EDITOR)
    with screenshots_on_failure(editor):
        axe_clean(editor, node_modules)
        editor.get_by_role(
            "link", name=re.compile(f"^Change this date for {BOARD}, ")
        ).first.click()
        editor.wait_for_url("**/admin/meetings/*/change/**", timeout=LONG)
        form_url = editor.url.split("?")[0]
        date = usual_online_date(editor)
        editor.get_by_label("Which meeting").select_option(date)
        editor.get_by_label("How to attend on this date").select_option("in_person")
        editor.get_by_label("Note for members").fill(first)
        send(editor)

        # The same date picked again, in a form opened without ?date=: its pending change.
        editor.goto(form_url)
        editor.get_by_label("Which meeting").select_option(date)
        assert editor.get_by_label("Note for members").input_value() == first
        assert editor.get_by_label("How to attend on this date").input_value() == "in_person"
        assert editor.get_by_text("Waiting for approval").is_visible()
        assert editor.get_by_text("locked by someone else").count() == 0
        editor.get_by_label("Note for members").fill(corrected)
        send(editor)

    moderator = logged_in_page(*MODERATOR)
    with screenshots_on_failure(moderator):
        review = moderator.locator(".opeiu-row-item").filter(
            has=moderator.get_by_role("button", name=f"Approve and publish {BOARD}")
        )
        row = review.inner_text()
        assert "Online (as usual)" in row and "In person" in row and corrected in row
        assert first not in row, "the moderator sees the corrected revision only"
        axe_clean(moderator, node_modules)

        moderator.get_by_role("link", name=f"Preview {BOARD}").click()
        item = moderator.locator(f'li.occurrence:has(time[datetime^="{date}"])')
        item.wait_for(timeout=LONG)
        assert "In person" in item.inner_text() and corrected in item.inner_text()
        moderator.go_back()

        moderator.get_by_role("button", name=f"Approve and publish {BOARD}").click()
        moderator.get_by_text(f"“{BOARD}” is approved and published.").wait_for(timeout=LONG)

    block = occurrence_block(anonymous(demo_site, SERIES), date)
    assert "In person" in block and corrected in block and first not in block
