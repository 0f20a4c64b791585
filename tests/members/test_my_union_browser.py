"""My union in Chromium on the demo site (gunicorn, DEBUG off): a member's pages have zero
axe-core violations (WCAG 2.2 A/AA) on a phone and a desktop, and nothing overflows sideways.

Until the demo roster and member sign-in land, the member is put on the demo site's Local 12
roster and signed in by a session made in its database (manage.py shell)."""

import pytest

from tests.browser.axe import describe, run_axe
from tests.browser.conftest import browser, chromium_path, new_page  # noqa: F401 (fixtures)
from tests.servers import manage, production_env, start_demo_server

pytestmark = pytest.mark.browser

PATHS = ["/my-union/", "/my-union/data/", "/my-union/data/delete/"]

MAKE_MEMBER = """
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from tests.members import myunion_data as data
user = data.make_member()
data.members_only_document(12, "Local 12 strike fund report")
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
open({path!r}, "w").write(session.session_key)
"""


@pytest.fixture(scope="module")
def member_site(chromium_path, tmp_path_factory, demo_template):  # noqa: F811
    directory = tmp_path_factory.mktemp("my-union-site")
    server = start_demo_server(directory, template=demo_template)
    key_file = directory / "session-key"
    manage(production_env(directory), ["shell", "-c", MAKE_MEMBER.format(path=str(key_file))])
    yield server.base_url, key_file.read_text().strip()
    output = server.stop()
    if "Traceback" in output:
        print(output)


def test_my_union_pages_have_zero_axe_violations(new_page, member_site, node_modules):  # noqa: F811
    base_url, session_key = member_site
    axe_path = node_modules / "axe-core" / "axe.min.js"
    host = base_url.split("://", 1)[1].split(":")[0]
    found = {}
    for width in (375, 1280):
        page = new_page(width=width)
        page.context.add_cookies(
            [{"name": "sessionid", "value": session_key, "domain": host, "path": "/"}]
        )
        for path in PATHS:
            response = page.goto(base_url + path)
            assert response.status == 200, f"{path} answered {response.status}"
            assert page.evaluate("document.documentElement.scrollWidth") <= width, path
            violations = run_axe(page, axe_path)
            if violations:
                found[f"{path} at {width}px"] = violations
        page.goto(base_url + "/my-union/")
        assert page.get_by_role("heading", name="Your steward").is_visible()
        assert page.get_by_role("link", name="Local 12 strike fund report").is_visible()
    assert not found, describe(found)
