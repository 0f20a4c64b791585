"""The admin through the real login form: the `logged_in_page` fixture editor flows build on."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_demo_admin_logs_in_and_sees_the_dashboard(logged_in_page, demo_site):
    page = logged_in_page()
    assert page.url == demo_site + "/admin/"
    assert page.get_by_role("heading", level=1).count() >= 1
    page.goto(demo_site + "/admin/pages/")
    assert page.locator("main").is_visible()


def test_wrong_password_stays_on_the_login_page(page, demo_site):
    page.goto(demo_site + "/admin/login/")
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("password you specified are not correct")).to_be_visible()
    assert "/accounts/login/" in page.url
