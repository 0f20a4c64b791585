"""Every staff account signs in with two factors, enforced at the admin's door (members/mfa.py):
a staff user without one is sent to set it up before any admin page, one with TOTP gets in
with the code, members are never asked; the admin shows no Gravatar."""

import re

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
from django.test import Client

from tests.members.totp import totp

pytestmark = pytest.mark.clock

PASSWORD = "picket line at dawn 42"
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def make_user(tree, username, role="editors", secret=None):
    user = get_user_model().objects.create_user(
        username, email=f"{username}@example.org", password=PASSWORD
    )
    user.groups.add(getattr(tree.local12.access, role))
    if secret:
        TOTP.activate(user, secret)
    return user


def password_login(client, username, next_url="/admin/"):
    return client.post(
        f"/accounts/login/?next={next_url}", {"login": username, "password": PASSWORD}
    )


def test_the_admin_login_is_allauths(db, tree):
    response = Client().get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/"
    door = Client().get("/admin/login/?next=/admin/pages/")
    assert door["Location"] == "/accounts/login/?next=/admin/pages/"
    # Wagtail's front-end password form goes there too: no way round the second factor.
    assert Client().get("/_util/login/")["Location"].startswith("/accounts/login/")
    page = Client().get("/accounts/login/").content.decode()
    assert "Staff sign-in" in page and 'name="password"' in page


def test_staff_without_a_second_factor_set_one_up_before_any_admin_page(db, tree):
    make_user(tree, "new-editor")
    client = Client()
    assert password_login(client, "new-editor")["Location"] == "/admin/"
    for path in ("/admin/", "/admin/pages/", "/admin/documents/"):
        refused = client.get(path)
        assert refused.status_code == 302 and refused["Location"] == "/accounts/2fa/", path
    setup = client.get("/accounts/2fa/", follow=True).content.decode()
    assert "Staff accounts need a second factor" in setup

    # Setting up a factor asks for the password again first (allauth's re-authentication).
    asked = client.get("/accounts/2fa/totp/activate/")
    assert asked["Location"].startswith("/accounts/reauthenticate/")
    again = client.post(asked["Location"], {"password": PASSWORD})
    assert again["Location"] == "/accounts/2fa/totp/activate/"
    activate = client.get("/accounts/2fa/totp/activate/").content.decode()
    secret = re.search(r'value="([A-Z2-7]{16,})"', activate).group(1)
    assert "data:image/svg+xml;base64," in activate  # the QR code, drawn on the page
    done = client.post("/accounts/2fa/totp/activate/", {"code": totp(secret)})
    assert done.status_code == 302 and done["Location"] == "/accounts/2fa/recovery-codes/"
    codes = client.get(done["Location"]).content.decode()
    assert "Continue to the admin" in codes
    assert client.get("/admin/").status_code == 200


def test_staff_with_totp_get_in_with_the_code_and_only_with_it(db, tree):
    make_user(tree, "editor", secret=SECRET)
    client = Client()
    step = password_login(client, "editor")
    assert step.status_code == 302 and step["Location"].startswith("/accounts/2fa/authenticate/")
    # Password alone: not signed in, the admin still sends to the login.
    assert client.get("/admin/")["Location"].startswith("/accounts/login/")
    wrong = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert wrong.status_code == 200 and "Incorrect code" in wrong.content.decode()
    code = totp(SECRET)
    assert client.post("/accounts/2fa/authenticate/", {"code": code})["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200

    # The same code does not open a second session.
    other = Client()
    password_login(other, "editor")
    replay = other.post("/accounts/2fa/authenticate/", {"code": code})
    assert replay.status_code == 200 and "Incorrect code" in replay.content.decode()


def test_recovery_codes_are_shown_once_made_and_each_signs_in_once(db, tree):
    make_user(tree, "travelling-editor", secret=SECRET)
    client = Client()
    password_login(client, "travelling-editor")
    client.post("/accounts/2fa/authenticate/", {"code": totp(SECRET)})
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    made = client.post("/accounts/2fa/recovery-codes/generate/")
    assert made.status_code == 302 and made["Location"] == "/accounts/2fa/recovery-codes/"
    shown = client.get(made["Location"]).content.decode()
    codes = re.search(r'<textarea[^>]*id="recovery_codes"[^>]*>(.*?)</textarea>', shown, re.S)
    codes = codes.group(1).split()
    assert len(codes) == 10 and all(re.fullmatch(r"\d{8}", code) for code in codes)

    # Phone lost: the password and one recovery code open the admin...
    lost = Client()
    password_login(lost, "travelling-editor")
    entered = lost.post("/accounts/2fa/authenticate/", {"code": codes[0]})
    assert entered.status_code == 302 and entered["Location"] == "/admin/"
    assert lost.get("/admin/").status_code == 200
    # ...once: the same code is refused the next time, another one still works.
    again = Client()
    password_login(again, "travelling-editor")
    replay = again.post("/accounts/2fa/authenticate/", {"code": codes[0]})
    assert replay.status_code == 200 and "Incorrect code" in replay.content.decode()
    assert again.get("/admin/")["Location"].startswith("/accounts/login/")
    assert again.post("/accounts/2fa/authenticate/", {"code": codes[1]})["Location"] == "/admin/"
    left = client.get("/accounts/2fa/recovery-codes/").content.decode()
    assert "8 out of 10 recovery codes" in left


def test_the_security_keys_page_opens(db, tree):
    """allauth's list of security keys (added by the browser test test_staff_webauthn) renders:
    it needs django.contrib.humanize."""
    make_user(tree, "key-editor", secret=SECRET)
    client = Client()
    password_login(client, "key-editor")
    client.post("/accounts/2fa/authenticate/", {"code": totp(SECRET)})
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    listing = client.get("/accounts/2fa/webauthn/")
    assert listing.status_code == 200
    assert client.get("/accounts/2fa/webauthn/add/").status_code == 200


def test_a_session_that_skipped_the_second_factor_must_enter_it(db, tree):
    user = make_user(tree, "moderator", role="moderators", secret=SECRET)
    client = Client()
    client._login_first_factor_only(user, MODEL_BACKEND)
    refused = client.get("/admin/pages/")
    assert refused.status_code == 302
    assert refused["Location"] == "/accounts/2fa/reauthenticate/?next=/admin/pages/"
    entered = client.post(refused["Location"], {"code": totp(SECRET)})
    assert entered["Location"] == "/admin/pages/"
    assert client.get("/admin/").status_code == 200


def test_staff_cannot_remove_their_last_second_factor(db, tree):
    user = make_user(tree, "careful-editor", secret=SECRET)
    client = Client()
    password_login(client, "careful-editor")
    client.post("/accounts/2fa/authenticate/", {"code": totp(SECRET)})
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    response = client.post("/accounts/2fa/totp/deactivate/")
    assert response.status_code == 200
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def test_members_are_never_asked_for_a_second_factor(db, tree):
    member = make_user(tree, "member", role="members")
    client = Client()
    client._login_first_factor_only(member, MODEL_BACKEND)
    assert client.get("/").status_code == 200
    # The admin refuses them as before (they have no access), without asking for a factor.
    response = client.get("/admin/")
    assert "/accounts/2fa/" not in response.get("Location", "")


def test_the_admin_shows_no_gravatar(db, tree, django_user_model):
    admin = django_user_model.objects.create_superuser("boss", "boss@example.org", PASSWORD)
    client = Client()
    client.force_login(admin)
    html = client.get("/admin/").content.decode()
    assert "Dashboard" in html or "w-dashboard" in html
    assert "gravatar.com" not in html
    assert "/admin/account/" in html  # the account menu (with its avatar) is there
