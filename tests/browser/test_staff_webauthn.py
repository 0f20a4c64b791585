"""A staff member adds a security key (WebAuthn) to their account, then signs in to the admin
with it as the second factor, in Chromium with a virtual authenticator (Chrome DevTools
Protocol's WebAuthn domain: a real WebAuthn ceremony, the browser's and allauth's, with a
software key instead of a USB one).

WebAuthn needs a secure context and a domain as relying party: http://localhost is both,
http://127.0.0.1 is secure but an IP address, which browsers refuse as a relying party ID.
"""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import admin_login

pytestmark = pytest.mark.browser

# A demo staff account (demo/staff_mfa.py); its TOTP app keeps working beside the key.
USERNAME, PASSWORD = "local12-moderator", "local12-moderator-demo"


def virtual_security_key(page):
    """Plug a virtual USB security key (CTAP2, user verification by PIN) into this tab."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    answer = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "usb",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    return cdp, answer["authenticatorId"]


def test_staff_add_a_security_key_then_sign_in_to_the_admin_with_it(new_page, demo_site):
    site = demo_site.replace("127.0.0.1", "localhost")
    page = new_page()
    cdp, key = virtual_security_key(page)

    # Signed in with password and TOTP, the moderator adds the key from their account's
    # two-factor page (reached from the admin's account menu in real use).
    admin_login(page, site, USERNAME, PASSWORD)
    page.goto(site + "/accounts/2fa/webauthn/add/")
    # Changing a sign-in method asks for the password again (allauth's reauthentication).
    page.wait_for_url("**/accounts/reauthenticate/**")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url("**/accounts/2fa/webauthn/add/")
    page.get_by_label("Name").fill("Desk key")
    page.get_by_role("button", name="Add").click()
    page.wait_for_url(lambda url: "/webauthn/add/" not in url)
    assert len(cdp.send("WebAuthn.getCredentials", {"authenticatorId": key})["credentials"]) == 1
    page.goto(site + "/accounts/2fa/webauthn/")
    expect(page.get_by_text("Desk key")).to_be_visible()

    # Signed out (a new session), they sign in with the password and the key alone.
    page.context.clear_cookies()
    page.goto(site + "/admin/pages/")
    page.get_by_label("Username").fill(USERNAME)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/accounts/2fa/authenticate/**")
    assert not page.url.startswith(site + "/admin/")
    page.get_by_role("button", name="Use a security key").click()
    page.wait_for_url(site + "/admin/pages/**")
    assert page.locator("main").is_visible()

    # Without the key (unplugged), a password alone still opens no admin.
    cdp.send("WebAuthn.removeVirtualAuthenticator", {"authenticatorId": key})
    page.context.clear_cookies()
    page.goto(site + "/admin/")
    page.get_by_label("Username").fill(USERNAME)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/accounts/2fa/authenticate/**")
    page.goto(site + "/admin/")
    assert not page.url.startswith(site + "/admin/")
