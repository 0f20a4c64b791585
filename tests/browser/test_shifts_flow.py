"""The demo's shift page in Chromium on a phone (375 px; the shared demo site, gunicorn, DEBUG off):
zero axe-core violations (WCAG 2.2 A/AA) on the shift list, on the form with an error, and on
the confirmation after signing up for two shifts; nothing overflows sideways."""

import pytest

from tests.browser.axe import describe, run_axe

pytestmark = pytest.mark.browser

PATH = "/locals/local-12/events/worksite-visibility-shifts/"
WIDTH = 375


def test_sign_up_for_two_shifts_on_a_phone_with_zero_axe_violations(
    new_page,
    demo_site,
    node_modules,
):
    axe_path = node_modules / "axe-core" / "axe.min.js"
    page = new_page(width=WIDTH)
    found = {}

    def check(name):
        assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH, name
        violations = run_axe(page, axe_path)
        if violations:
            found[name] = violations

    assert page.goto(demo_site + PATH).status == 200
    shifts = page.get_by_role("region", name="Shifts")
    assert shifts.get_by_text("Full: no more people needed").first.is_visible()
    check("the shift list")

    page.get_by_label("Your name").fill("Sam Ortega")
    page.get_by_label("Email").fill("sam.ortega@example.org")
    page.get_by_role("button", name="Sign up for the chosen shifts").click()
    assert page.get_by_text("Choose at least one shift.").is_visible()
    check("the form with an error")

    boxes = page.get_by_role("checkbox")
    boxes.nth(0).check()
    boxes.nth(2).check()
    page.get_by_role("button", name="Sign up for the chosen shifts").click()
    assert page.get_by_role("heading", name="You are signed up").is_visible()
    assert page.get_by_role("status").get_by_text("Your shifts for").is_visible()
    check("the confirmation")
    assert not found, describe(found)
