"""The roster never leaves the local: a roster row with a unique marker in every field is found
nowhere in public output (every live page, the calendar and news feeds, the steward finder,
search, the directory, the sitemap, robots.txt), nor in the log output of a whole crawl and of
the member using their own pages, nor in the error report of a crash on "My union"."""

import logging
import sys
import uuid

import pytest
from django.core.signals import got_request_exception
from django.views.debug import ExceptionReporter
from wagtail.models import Page

from contracts.models import ContractIndexPage
from events.models import EventIndexPage, EventPage, MeetingSeriesPage
from news.models import NewsIndexPage

from . import myunion_data as data

pytestmark = pytest.mark.clock  # the demo is dated from today

MARK = "zq" + uuid.uuid4().hex[:10]  # found in no page, no feed, no log: unless it leaks
EMAIL = f"{MARK}@example.org"
# Every roster field carries the marker (the email too: it is also the account's).
ROW = {
    "member_number": f"{MARK}-num",
    "first_name": f"{MARK}first",
    "last_name": f"{MARK}last",
    "phone": f"{MARK}-phone",
    "employer": f"HealthPartners {MARK}",  # no employer page matches it
    "unit": f"{MARK} unit",
    "worksite": f"{MARK} worksite",
    "postal_code": f"{MARK}zip",
}


@pytest.fixture(scope="module")
def member(demo_data, django_db_blocker):
    with django_db_blocker.unblock():
        user = data.make_member(EMAIL, **ROW)
        # A second local's roster, the marker again (Local 212).
        data.make_member(EMAIL, number=212, **ROW | {"member_number": f"{MARK}-212"})
        return user


def leaked(body, url):
    """The marker in a response. A search echoes its query (the bare marker): there, any roster
    value (each is the marker and more) or the email is a leak."""
    body = body.decode(errors="replace").lower()
    if "q=" not in url:
        return MARK in body
    values = [*ROW.values(), f"{MARK}-212", EMAIL]
    return any(value.lower() in body for value in values)


def public_urls():
    """Every public address of the demo site a crawler (or a cache) can reach."""
    urls = {"/", "/sitemap.xml", "/robots.txt", f"/search/?q={MARK}", f"/locals/?q={MARK}"}
    for page in Page.objects.live().exclude(depth=1).specific().iterator():
        if page.url:
            urls.add(page.url)
    for page in EventIndexPage.objects.live():
        urls |= {page.url + "calendar.ics", page.url + "closures.ics", page.url + "past/"}
        urls.add(page.url + "?month=" + f"{page.latest_revision_created_at:%Y-%m}")
    for model in (EventPage, MeetingSeriesPage):
        urls |= {page.url + "calendar.ics" for page in model.objects.live()}
    for page in NewsIndexPage.objects.live():
        urls |= {page.url + "rss/", page.url + "atom/"}
    for page in ContractIndexPage.objects.live():
        urls |= {page.url + "stewards/", page.url + f"stewards/?q={MARK}", page.url + f"?q={MARK}"}
    return sorted(urls)


def test_the_roster_is_in_no_public_output_and_no_log(db, client, member, caplog):
    urls = public_urls()
    assert len(urls) > 60  # the whole demo site, not a handful of pages
    caplog.set_level(logging.DEBUG)
    statuses = {}
    for url in urls:
        response = client.get(url)
        statuses[url] = response.status_code
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert not leaked(body, url), url
        assert not leaked(str(response.headers).encode(), url), url
    assert list(statuses.values()).count(200) > 60
    # The member uses their own pages (where they do see their row): nothing reaches the log.
    client.force_login(member)
    assert MARK in client.get("/my-union/").content.decode()
    assert MARK in client.get("/my-union/data/").content.decode()
    client.get("/my-union/data/my-union-data.json")
    client.get(f"/my-union/calendar/{MARK}.ics")  # a wrong token: a 404
    assert caplog.records  # the crawl did log (e.g. the 404s): the check below can fail
    # Only the searches' own query strings (the bare marker in a 404's URL line) may be there.
    assert not leaked(caplog.text.encode(), "q=")
    for record in caplog.records:
        assert not leaked(str(record.__dict__).encode(), "q=")


def test_a_crash_on_my_union_reports_no_roster_value(db, client, member, monkeypatch, caplog):
    """An unexpected error while "My union" is built for the member: the 500 page, the log
    line and Django's error report (what a mail to the admins or an error tracker would carry,
    local variables of every frame included) keep the roster out. (The report names the
    signed-in account, as Django's always do: its email is the account's, so the roster's other
    fields are what is checked here.)"""
    caught = []

    def remember(sender, request, **kwargs):
        caught.append((request, sys.exc_info()))

    def broken(*args, **kwargs):
        raise RuntimeError("the employer lookup failed")

    got_request_exception.connect(remember)
    monkeypatch.setattr("members.my_union._same_name", broken)  # the row is in scope
    client.raise_request_exception = False
    client.force_login(member)
    caplog.set_level(logging.DEBUG)
    try:
        response = client.get("/my-union/")
    finally:
        got_request_exception.disconnect(remember)
    assert response.status_code == 500
    assert MARK not in response.content.decode().lower()
    assert "the employer lookup failed" in caplog.text  # the error was logged...
    assert MARK not in caplog.text.lower()  # ...without the roster
    (request, exc_info), *_ = caught
    reporter = ExceptionReporter(request, *exc_info)
    report = (reporter.get_traceback_text() + reporter.get_traceback_html()).lower()
    assert "workplace" in report  # the frame that held the roster row is in the report...
    assert report.count(MARK) == report.count(EMAIL.lower())  # ...their values are not
