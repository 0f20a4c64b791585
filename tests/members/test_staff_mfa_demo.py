"""The demo's staff accounts come with TOTP set up: load_demo prints each one's password and
base32 secret (and an otpauth:// link), and the printed values sign in to the admin."""

import io
import re

import pytest
from django.core.management import call_command
from django.test import Client

from tests.db import kept_data
from tests.members.totp import totp

pytestmark = pytest.mark.clock


@pytest.fixture(scope="module")
def demo_output(django_db_blocker, tmp_path_factory, django_db_setup):
    from django.test import override_settings

    output = io.StringIO()
    media = tmp_path_factory.mktemp("media")
    with override_settings(MEDIA_ROOT=str(media)), kept_data(django_db_blocker):
        with django_db_blocker.unblock():
            call_command("load_demo", stdout=output)
        yield output.getvalue()


def printed(output, username):
    password = re.search(rf"^  {re.escape(username)} +(\S+)", output, re.M).group(1)
    secret, uri = re.search(
        rf"^  {re.escape(username)} +([A-Z2-7]{{32}})  (otpauth://\S+)$", output, re.M
    ).groups()
    return password, secret, uri


@pytest.mark.parametrize("username", ["admin", "local12-editor", "local212-editor"])
def test_printed_password_and_totp_secret_sign_in_to_the_admin(db, demo_output, username):
    password, secret, uri = printed(demo_output, username)
    assert uri.startswith(f"otpauth://totp/OPEIU%3A{username}?secret={secret}&issuer=OPEIU")
    client = Client()
    step = client.post("/accounts/login/?next=/admin/", {"login": username, "password": password})
    assert step["Location"].startswith("/accounts/2fa/authenticate/")
    done = client.post("/accounts/2fa/authenticate/", {"code": totp(secret)})
    assert done["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_the_demo_member_has_no_second_factor_to_print(db, demo_output):
    assert not re.search(r"^  local12-member +[A-Z2-7]{32}", demo_output, re.M)
    assert "/accounts/login/code/" in demo_output
