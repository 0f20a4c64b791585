"""Issue 24's "Done means", end to end in Chromium on the demo site (gunicorn, DEBUG off, its
task worker mailing through a real SMTP server, aiosmtpd on a free port):

1. Local 12's moderator signs in to the admin (password, then the code of the demo's TOTP
   secret) and imports a 5-row roster with one bad row: the preview names the refused line and
   its reason, the confirmation adds the 4 good rows;
2. one of those members signs in on the public site with the code the site emailed (read from
   the SMTP server) and lands on My union: their contract, their worksite's steward, the next
   meetings;
3. they open a Local 12 members-only document from My union (200) and are refused Local 212's
   (403);
4. the personal calendar address My union shows is read with ical.js (Thunderbird's parser):
   its next Executive Board date is the one My union shows;
5. a staff account without a second factor is sent to set one up, sets up TOTP and gets in.

The demo site is a copy of the run's demo build (tests/servers.py); its meetings are relative to
today, so the test compares the feed with the page, never with a date of its own.
"""

import csv
import datetime as dt
import email.utils
import io
import re
import uuid

import icalendar
import pytest

from tests.browser.conftest import admin_login
from tests.browser.test_editor_flow import LONG, screenshots_on_failure
from tests.icaljs import icaljs
from tests.members.totp import totp
from tests.servers import (
    Gunicorn,
    copy_demo_build,
    http_get,
    manage,
    production_env,
)
from tests.smtp import SMTPServer, code_in
from tests.worker import TaskWorker, wait_until

pytestmark = pytest.mark.browser

MODERATOR = ("local12-moderator", "local12-moderator-demo")  # demo/locals.py, demo/staff_mfa.py
NEW_STAFF = ("e2e-new-editor", "a new editor's long password 24")
HEADINGS = ["Member No", "First Name", "Last Name", "Email Address", "Employer"]
HEADINGS += ["Bargaining Unit", "Worksite", "ZIP", "Status"]  # the demo roster's: mapping kept

# In the demo site's copy, before it is served: Local 212's members-only file (the member of
# Local 12 must not open it) and a Local 12 editor who has no second factor yet.
SETUP = """
from django.contrib.auth import get_user_model
from tests.members import myunion_data as data
document = data.members_only_document(212, "Local 212 closed session minutes")
user = get_user_model().objects.create_user({username!r}, email="e2e.editor@example.org",
                                            password={password!r})
user.groups.add(data.local(12).access.editors)
open({path!r}, "w").write(document.url)
"""


def roster_file(tag):
    """Five rows: four members of Local 12's HealthPartners unit, one with a broken email."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(HEADINGS)
    unit = ["HealthPartners", "Clinic and office staff"]
    como, riverside = "Como Clinic, Saint Paul", "Riverside Clinic, Minneapolis"
    rows = [
        [f"12-{tag}-1", "Sam", "Ortiz", f"sam.ortiz.{tag}@example.org", *unit, como],
        [f"12-{tag}-2", "Kim", "Berg", f"kim.berg.{tag}@example.org", *unit, riverside],
        [f"12-{tag}-3", "Lee", "Park", "lee.park-at-example.org", *unit, como],
        [f"12-{tag}-4", "Ari", "Dunn", f"ari.dunn.{tag}@example.org", *unit, como],
        [f"12-{tag}-5", "Mo", "Hart", f"mo.hart.{tag}@example.org", *unit, como],
    ]
    for row in rows:
        writer.writerow([*row, "55117", "active"])
    return out.getvalue().encode()


@pytest.fixture(scope="module")
def journey_site(chromium_path, tmp_path_factory, demo_template):
    """(base URL, SMTP inbox, Local 212's members-only file URL): a copy of the demo site,
    served by gunicorn, with its task worker; both mail through the SMTP server."""
    smtp = SMTPServer().start()
    directory = tmp_path_factory.mktemp("member-journey")
    env = production_env(directory, EMAIL_URL=smtp.url, EMAIL_TIMEOUT="5", TASKS_WORKER="True")
    copy_demo_build(env, demo_template)
    url_file = directory / "document-212"
    setup = SETUP.format(username=NEW_STAFF[0], password=NEW_STAFF[1], path=str(url_file))
    manage(env, ["shell", "-c", setup])
    server = Gunicorn(env).start()
    worker = TaskWorker({**env, "CONN_MAX_AGE": "0"}).start()
    try:
        yield server.base_url, smtp.sink, worker, url_file.read_text()
    finally:
        worker.stop()
        output = server.stop()
        smtp.stop()
        if "Traceback" in output:
            print(output)  # shown with the failing test's report


def import_roster(page, tag):
    page.get_by_role("link", name="Roster").first.click()
    page.wait_for_url("**/admin/roster/*/", timeout=LONG)
    page.get_by_role("link", name="Import a roster file").click()
    page.get_by_label("Roster file (.csv or .xlsx)").set_input_files(
        {"name": "roster-12.csv", "mimeType": "text/csv", "buffer": roster_file(tag)}
    )
    page.get_by_role("button", name="Upload and preview").click()
    page.get_by_role("heading", name="What the import would do").wait_for(timeout=LONG)
    assert page.locator('[data-count="added"]').inner_text() == "4"
    assert page.locator('[data-count="refused"]').inner_text() == "1"
    refused = page.locator("#refused tbody tr")
    assert refused.count() == 1
    assert refused.first.inner_text().split("\t") == [
        "4",  # the file's line: the headings are line 1
        f"12-{tag}-3",
        "bad email “lee.park-at-example.org”",
    ]
    page.get_by_role("button", name="Confirm the import").click()
    page.get_by_text("Roster imported: 4 added").wait_for(timeout=LONG)


def sign_in_with_emailed_code(page, base_url, inbox, worker, address):
    page.goto(base_url + "/")
    page.get_by_role("link", name="Sign in").first.click()
    page.get_by_label("Email").fill(address)
    page.get_by_role("button", name="Email me a code").click()
    page.get_by_role("heading", name="Check your email").wait_for()
    wait_until(lambda: inbox.to(address), 30, "the sign-in code's email", worker=worker)
    [message] = inbox.to(address)
    page.get_by_label("Code").fill(code_in(message))
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(base_url + "/my-union/")


def board_dates_in_feed(feed, now):
    """The Executive Board's dates from `now` on as ical.js expands the feed: [(start, utc)]."""
    calendar = icalendar.Calendar.from_ical(feed)
    [uid] = {
        str(event["UID"])
        for event in calendar.walk("VEVENT")
        if str(event["SUMMARY"]).startswith("Executive Board")
    }
    until = (now + dt.timedelta(days=120)).date().isoformat()
    items = icaljs(feed, uid, until)
    return [
        (item["start"], item["utc"], item["tzid"])
        for item in items
        if item["status"] != "CANCELLED"
    ]


def test_a_member_journey_from_the_roster_import_to_the_calendar(
    new_page, journey_site, node_modules
):
    base_url, inbox, worker, document_212 = journey_site
    tag = uuid.uuid4().hex[:6]
    member = f"sam.ortiz.{tag}@example.org"

    # 1. The moderator's import.
    staff = admin_login(new_page(), base_url, *MODERATOR)
    with screenshots_on_failure(staff):
        import_roster(staff, tag)

    # 2. The member signs in with the emailed code and lands on My union.
    page = new_page(width=375, height=800)
    with screenshots_on_failure(page):
        sign_in_with_emailed_code(page, base_url, inbox, worker, member)
        assert page.get_by_role("heading", name="My union").is_visible()
        contract = page.locator(".my-card", has=page.get_by_role("heading", name="Your contract"))
        assert "HealthPartners" in contract.inner_text()
        pdf = contract.get_by_role("link", name=re.compile("Read the PDF")).first
        assert http_get(base_url + pdf.get_attribute("href"))[0] == 200
        steward = page.locator(".my-card", has=page.get_by_role("heading", name="Your steward"))
        assert "Dana Okafor (demo)" in steward.inner_text()
        meetings = page.locator(".my-meetings .occurrence:not(.occurrence--cancelled)")
        board = meetings.filter(has=page.get_by_role("link", name=re.compile("Executive Board")))
        shown = board.first.locator("time").get_attribute("datetime")

        # 3. Local 12's members-only file opens; Local 212's is refused.
        documents = page.locator(".my-documents")
        # The demo's minutes of a closed session of Local 12's Executive Board.
        link = documents.get_by_role("link", name=re.compile("closed session minutes")).first
        href = link.get_attribute("href")
        opened = page.request.get(base_url + href)
        assert opened.status == 200 and opened.headers["content-type"] == "application/pdf"
        refused = page.request.get(base_url + document_212, max_redirects=0)
        assert refused.status == 403

        # 4. The personal feed, read with ical.js: the next Executive Board date is My union's.
        feed_url = page.locator(".my-feed__url code").inner_text()
        status, headers, feed = http_get(feed_url)
        assert status == 200 and headers["Content-Type"].startswith("text/calendar")
        now = email.utils.parsedate_to_datetime(headers["Date"])  # the site's clock, not ours
        dates = board_dates_in_feed(feed, now)
        shown_at = dt.datetime.fromisoformat(shown)
        assert (shown_at.isoformat()[:19], shown_at.timestamp(), "America/Chicago") in [
            (start[:19], utc, tzid) for start, utc, tzid in dates
        ], (shown, dates[:3])
        earlier = [utc for _, utc, _ in dates if utc < shown_at.timestamp()]
        assert all(utc < now.timestamp() for utc in earlier) and shown_at > now - dt.timedelta(
            days=1
        ), "ical.js finds an Executive Board date before the one My union shows as next"

    # 5. A staff account without a second factor sets one up before the admin opens.
    page = new_page()
    with screenshots_on_failure(page):
        page.goto(base_url + "/admin/")
        page.get_by_label("Username").fill(NEW_STAFF[0])
        page.get_by_label("Password").fill(NEW_STAFF[1])
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(base_url + "/accounts/2fa/")
        assert page.get_by_text("Staff accounts need a second factor").is_visible()
        page.goto(base_url + "/admin/pages/")  # no admin page opens before a second factor
        page.wait_for_url(base_url + "/accounts/2fa/")

        page.locator('a[href="/accounts/2fa/totp/activate/"]').click()
        page.wait_for_url("**/accounts/reauthenticate/**")  # the password again, first
        page.locator('input[name="password"]').fill(NEW_STAFF[1])
        page.get_by_role("button", name="Confirm").click()
        page.wait_for_url(base_url + "/accounts/2fa/totp/activate/")
        secret = page.locator("#authenticator_secret").input_value()
        page.locator('input[name="code"]').fill(totp(secret))  # as the authenticator app would
        page.get_by_role("button", name="Activate").click()
        page.wait_for_url(base_url + "/accounts/2fa/recovery-codes/")
        page.get_by_role("link", name="Continue to the admin").click()
        page.wait_for_url(base_url + "/admin/")
        # In: the admin's menu, with the local's roster.
        page.get_by_role("link", name="Roster").first.click()
        page.wait_for_url("**/admin/roster/*/", timeout=LONG)
        assert f"12-{tag}-1" in page.locator("table.listing").inner_text()
