"""A staff member signs in to the admin in Chromium: password, then the code of their
authenticator app (the demo's TOTP secret, demo/staff_mfa.py); a wrong code keeps them out."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import fresh_totp

pytestmark = pytest.mark.browser


def test_staff_sign_in_takes_the_password_then_the_totp_code(new_page, demo_site):
    page = new_page(width=375, height=800)
    page.goto(demo_site + "/admin/pages/")
    assert "/accounts/login/" in page.url
    assert page.get_by_role("heading", name="Staff sign-in").is_visible()
    page.get_by_label("Username").fill("local212-editor")
    page.get_by_label("Password").fill("local212-editor-demo")
    page.get_by_role("button", name="Sign in").click()

    page.wait_for_url("**/accounts/2fa/authenticate/**")
    page.get_by_label("Authenticator code").fill("000000")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("Incorrect code")).to_be_visible()
    page.goto(demo_site + "/admin/")
    assert not page.url.startswith(demo_site + "/admin/"), "a password alone opens no admin"

    page.goto(demo_site + "/accounts/2fa/authenticate/")
    page.get_by_label("Authenticator code").fill(fresh_totp("local212-editor"))
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(demo_site + "/admin/pages/**")
    assert page.locator("main").is_visible()
    assert "gravatar.com" not in page.content()
