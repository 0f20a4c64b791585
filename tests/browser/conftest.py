"""Browser tests: the demo site under gunicorn (DEBUG off), driven by Debian's Chromium through
the PyPI playwright package. Never `playwright install`: we use /usr/bin/chromium.

Fixtures:
- `demo_site`: base URL of the demo site (session; built once in a temporary directory).
- `browser`: a headless Chromium (this package only, so no event loop outlives these tests).
- `page`: a fresh 1280×900 tab; `new_page(width=..., height=...)` for other sizes.
- `logged_in_page(username, password)`: a tab logged in to the Wagtail admin (editor flows).
- `sitemap_paths`: every path in the demo site's /sitemap.xml, so new page types are covered.
"""

import time
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import require_tool
from tests.servers import http_get, start_demo_server

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DEMO_ADMIN = ("admin", "opeiu-demo-admin")  # load_demo's defaults (DEMO_ADMIN_PASSWORD)
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture(scope="session")
def chromium_path():
    require_tool(CHROMIUM.exists(), "Chromium (/usr/bin/chromium: apt-get install chromium)")
    return CHROMIUM


@pytest.fixture(scope="session")
def demo_site(chromium_path, tmp_path_factory, demo_template):
    """The demo site served by gunicorn with DEBUG off; media served so images show."""
    directory = tmp_path_factory.mktemp("demo-site")
    server = start_demo_server(
        directory,
        template=demo_template,
        # A cache the gunicorn workers share (as Redis is in production), so that a publish in
        # one worker invalidates the page cache of all (test_editor_flow relies on it).
        CACHE_URL=f"filecache://{directory / 'cache'}",
        SERVE_MEDIA="True",
        DEMO_ADMIN_PASSWORD=DEMO_ADMIN[1],
        WEB_CONCURRENCY="3",
    )
    yield server.base_url
    output = server.stop()
    if "Traceback" in output:
        print(output)  # shown with the failing test's report


@pytest.fixture(scope="session")
def sitemap_paths(demo_site):
    status, _, body = http_get(demo_site + "/sitemap.xml")
    assert status == 200
    locations = ET.fromstring(body).findall("s:url/s:loc", SITEMAP_NS)
    paths = [urlsplit(loc.text).path for loc in locations]
    assert "/" in paths, "the sitemap should list the home page"
    return paths


@pytest.fixture(scope="module")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium_path), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser):
    contexts = []

    def open_page(width=1280, height=900):
        context = browser.new_context(viewport={"width": width, "height": height})
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


# TOTP codes already used, per user: a code works once (allauth), and the tolerance of one
# 30-second step either side (MFA_TOTP_TOLERANCE) offers up to three at any moment.
_used_codes = {}


def fresh_totp(username, deadline_seconds=65):
    """A code of the demo user's authenticator (demo/staff_mfa.py) not used yet in this run;
    polls the clock while all the valid ones are spent."""
    from demo.staff_mfa import SECRETS
    from tests.members.totp import totp

    used = _used_codes.setdefault(username, set())
    deadline = time.monotonic() + deadline_seconds
    while True:
        for steps in (0, 1, -1):
            code = totp(SECRETS[username], steps=steps)
            if code not in used:
                used.add(code)
                return code
        assert time.monotonic() < deadline, "no fresh TOTP code"
        time.sleep(1)  # the clock itself is what we wait for: no event to poll


def admin_login(page, base_url, username, password):
    """Log in through the real admin door: /admin/ sends to the staff sign-in (allauth), then
    the second factor (the demo's TOTP secret). Returns the page on the dashboard."""
    page.goto(base_url + "/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("Authenticator code").fill(fresh_totp(username))
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(base_url + "/admin/")
    return page


@pytest.fixture
def logged_in_page(new_page, demo_site):
    """`logged_in_page("local12-editor", "password")`: a tab signed in to the admin as that user
    (each call is its own browser context, so an editor and a moderator can work side by side)."""

    def log_in(username=DEMO_ADMIN[0], password=DEMO_ADMIN[1]):
        return admin_login(new_page(), demo_site, username, password)

    return log_in
