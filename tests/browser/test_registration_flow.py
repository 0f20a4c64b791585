"""Issue 26's "Done means", end to end in Chromium on the demo site (gunicorn, DEBUG off, its
task worker mailing through a real SMTP server, tests/smtp.py):

1. two people register on the demo's next Strike School, set to 1 place: the first gets it, the
   second the waitlist;
2. the first cancels through the link in their emailed confirmation (read from the SMTP
   server), and the second is emailed that they moved up;
3. Local 12's moderator makes the host's check-in link on the registrations admin page; the
   host opens it on a 375 px phone, finds the promoted person and checks them in;
4. the moderator downloads the list as CSV and XLSX: the promoted person is there, checked in.

axe-core finds nothing on the registration (event) page, the cancel page and the check-in page.
"""

import csv
import io
import re
import uuid
from urllib.parse import urlsplit

import openpyxl
import pytest

from tests.browser.conftest import admin_login
from tests.browser.test_editor_flow import LONG, screenshots_on_failure
from tests.servers import Gunicorn, copy_demo_build, manage, production_env
from tests.smtp import SMTPServer, text_part
from tests.worker import TaskWorker, wait_until

from .axe import describe, run_axe

pytestmark = pytest.mark.browser

MODERATOR = ("local12-moderator", "local12-moderator-demo")  # demo/locals.py, demo/staff_mfa.py
# In the demo site's copy, before it is served: the next Strike School (demo/events.py) takes
# one person; its path and id are written down for the test.
SETUP = """
from registrations.models import RegistrationSettings
row = RegistrationSettings.objects.get(page__slug="strike-school-next", date=None)
row.capacity = 1
row.save()
open({path!r}, "w").write(f"{{row.page.url_path}} {{row.page_id}}")
"""
CANCEL_LINK = re.compile(r"https?://\S+?(/register/cancel/\S+/)")


@pytest.fixture(scope="module")
def registration_site(chromium_path, tmp_path_factory, demo_template):
    """(base URL, SMTP sink, worker, event path, event id): a copy of the demo site served by
    gunicorn, with its task worker, both mailing through the SMTP server."""
    directory = tmp_path_factory.mktemp("registration-flow")
    with SMTPServer() as smtp:
        env = production_env(directory, EMAIL_URL=smtp.url, EMAIL_TIMEOUT="5", TASKS_WORKER="True")
        copy_demo_build(env, demo_template)
        entry_file = directory / "entry"
        manage(env, ["shell", "-c", SETUP.format(path=str(entry_file))])
        url_path, page_id = entry_file.read_text().split()
        path = "/" + url_path.strip("/").split("/", 1)[1] + "/"  # under the default site's root
        server = Gunicorn(env).start()
        worker = TaskWorker({**env, "CONN_MAX_AGE": "0"}).start()
        try:
            yield server.base_url, smtp.sink, worker, path, int(page_id)
        finally:
            worker.stop()
            output = server.stop()
            if "Traceback" in output:
                print(output)  # shown with the failing test's report


def axe_clean(page, node_modules):
    violations = run_axe(page, node_modules / "axe-core" / "axe.min.js")
    assert violations == [], describe({page.url: violations})


def register(page, base_url, path, name, email):
    page.goto(base_url + path)
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Email").fill(email)
    page.locator(".registration__form button[type=submit]").click()


def mail_to(sink, worker, address, subject_start):
    def arrived():
        return [m for m in sink.to(address) if m["Subject"].startswith(subject_start)]

    wait_until(arrived, 30, f"the mail to {address}", worker=worker)
    return arrived()[0]


def test_register_waitlist_cancel_promote_check_in_and_export(
    new_page, registration_site, node_modules
):
    base_url, sink, worker, path, page_id = registration_site
    tag = uuid.uuid4().hex[:6]
    first, second = f"first.{tag}@example.org", f"second.{tag}@example.org"
    promoted_name = f"Rosa Second {tag}"

    # 1. Two people register for the one place.
    page = new_page()
    with screenshots_on_failure(page):
        page.goto(base_url + path)
        assert page.get_by_text("1 place left").is_visible()
        axe_clean(page, node_modules)
        register(page, base_url, path, f"Ada First {tag}", first)
        page.get_by_role("heading", name="You are registered").wait_for()
        register(page, base_url, path, promoted_name, second)
        page.get_by_role("heading", name="You are on the waitlist").wait_for()

    # 2. The first cancels by the emailed link; the second is emailed a place.
    confirmation = mail_to(sink, worker, first, "You are registered")
    cancel_path = CANCEL_LINK.search(text_part(confirmation)).group(1)
    page = new_page(width=375, height=800)
    with screenshots_on_failure(page):
        page.goto(base_url + cancel_path)
        page.get_by_role("heading", name="Cancel your registration?").wait_for()
        axe_clean(page, node_modules)
        page.get_by_role("button", name="Cancel my registration").click()
        page.get_by_role("heading", name="Your registration is cancelled").wait_for()
    promotion = mail_to(sink, worker, second, "A place opened up")
    assert "you are now registered" in text_part(promotion)

    # 3. Staff make the host's link; the host checks the promoted person in on a phone.
    staff = admin_login(new_page(), base_url, *MODERATOR)
    with screenshots_on_failure(staff):
        staff.goto(f"{base_url}/admin/registrations/{page_id}/", timeout=LONG)
        staff.get_by_role("button", name="Make a check-in link").click()
        link = staff.get_by_label("Host's check-in link").input_value()
    host = new_page(width=375, height=800)
    with screenshots_on_failure(host):
        host.goto(base_url + urlsplit(link).path)
        host.get_by_role("heading", name="Check-in").wait_for()
        axe_clean(host, node_modules)
        host.get_by_label("Find a name, email or phone").fill(tag)
        host.locator(".checkin__search").get_by_role("button", name="Search").click()
        host.get_by_role("button", name=f"Check in {promoted_name}").click()
        host.get_by_role("status").filter(has_text="checked in").wait_for()
        assert host.get_by_role("button", name=f"Undo check-in of {promoted_name}").is_visible()
        assert f"Ada First {tag}" not in host.locator("main").inner_text()  # cancelled
        width = host.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"the check-in page scrolls sideways on a phone ({width} px)"

    # 4. The list, downloaded: the promoted person, checked in.
    with screenshots_on_failure(staff):
        staff.reload()
        with staff.expect_download() as download:
            staff.get_by_role("link", name="Download CSV").click()
        text = download.value.path().read_text(encoding="utf-8-sig")
        rows = {row[1]: row for row in csv.reader(io.StringIO(text))}
        assert rows[second][3] == "Registered" and rows[second][6], rows[second]
        assert rows[first][3] == "Cancelled" and not rows[first][6]
        with staff.expect_download() as download:
            staff.get_by_role("link", name="Download XLSX").click()
        assert download.value.suggested_filename.endswith(".xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes())).active
        cells = {row[1]: row for row in sheet.iter_rows(values_only=True)}
        assert cells[second][0] == promoted_name and cells[second][6]
