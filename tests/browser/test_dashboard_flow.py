"""The local staff's dashboard in the real admin (issue 13): Local 12's editor switches the next
Executive Board meeting to in person with a note, straight from the dashboard's "Next meetings",
and submits it; Local 12's moderator approves it from the dashboard's approval panel; an
anonymous visitor then sees "In person" on the series page, in the calendar's month view, and as
a RECURRENCE-ID override in calendar.ics. The editor's page loads and interactions from the
dashboard to "submitted" are counted, printed and held to at most 4 and 12."""

import re
import uuid

import icalendar
import pytest

from tests.servers import ROOT, http_get

from .test_editor_flow import EDITOR, LONG, MODERATOR, screenshots_on_failure

pytestmark = pytest.mark.browser

SCREENSHOTS = ROOT / "artifacts" / "screenshots"
SERIES = "/locals/local-12/events/executive-board/"
CALENDAR = "/locals/local-12/events/"
BOARD = "Executive Board meetings"
MAX_PAGE_LOADS, MAX_INTERACTIONS = 4, 12


class Counter:
    """Counts the tab's page loads (main-frame navigations) and the person's interactions."""

    def __init__(self, page):
        self.page, self.loads, self.interactions = page, 0, 0
        page.on("framenavigated", self._navigated)

    def _navigated(self, frame):
        if frame == self.page.main_frame:
            self.loads += 1

    def act(self, locator, method, *args):
        self.interactions += 1
        return getattr(locator, method)(*args)


def anonymous(base_url, path):
    status, _, body = http_get(base_url + path)
    assert status == 200, (path, status)
    return body.decode()


def change_next_board_meeting(editor, note):
    """From the dashboard: the next Executive Board date, in person with a note, submitted.
    Returns (the ISO date changed, page loads, interactions)."""
    counter = Counter(editor)
    change = editor.get_by_role("link", name=re.compile(f"^Change this date for {BOARD}, ")).first
    counter.act(change, "click")
    editor.wait_for_url("**/admin/meetings/*/change/**", timeout=LONG)
    date = editor.get_by_label("Which meeting").input_value()
    counter.act(editor.get_by_label("How to attend on this date"), "select_option", "in_person")
    counter.act(editor.get_by_label("Note for members"), "fill", note)
    counter.act(editor.get_by_role("button", name="Submit for approval"), "click")
    editor.get_by_text("is submitted for approval").wait_for(timeout=LONG)
    return date, counter.loads, counter.interactions


def approve_from_dashboard(moderator):
    button = moderator.get_by_role("button", name=f"Approve and publish {BOARD}")
    with moderator.expect_navigation(timeout=LONG):
        button.click()
    # Back on the dashboard, which no longer asks for this approval.
    moderator.get_by_text("Nothing waits for your approval.").wait_for(timeout=LONG)
    assert button.count() == 0


def occurrence_block(html, date):
    """The series page's list item for `date` (its <time datetime> starts with the date)."""
    for block in html.split('<li class="occurrence')[1:]:
        if f'datetime="{date}' in block.split("</li>")[0]:
            return block.split("</li>")[0]
    raise AssertionError(f"no occurrence of {date} on the series page")


def month_items(html, date, title):
    """The month view's items called `title` in the cell of `date`."""
    for cell in html.split('<td class="month-table__day')[1:]:
        cell = cell.split("</td>")[0]
        if f'datetime="{date}"' in cell:
            items = re.findall(r"<li[^>]*>.*?</li>", cell, flags=re.S)
            return [item for item in items if title in item]
    raise AssertionError(f"no cell for {date} in the month view")


def test_editor_changes_a_meeting_and_moderator_approves_from_the_dashboard(
    logged_in_page, demo_site
):
    note = f"In person at the Local 12 office this time ({uuid.uuid4().hex[:6]})."
    editor = logged_in_page(*EDITOR)
    with screenshots_on_failure(editor):
        date, loads, interactions = change_next_board_meeting(editor, note)
    print(f"\ndashboard -> submitted: {loads} page loads, {interactions} interactions")
    assert loads <= MAX_PAGE_LOADS and interactions <= MAX_INTERACTIONS
    assert note not in anonymous(demo_site, SERIES), "not public before approval"

    moderator = logged_in_page(*MODERATOR)
    with screenshots_on_failure(moderator):
        approve_from_dashboard(moderator)

    block = occurrence_block(anonymous(demo_site, SERIES), date)
    assert "In person" in block and note in block

    month = anonymous(demo_site, f"{CALENDAR}?month={date[:7]}")
    board_items = month_items(month, date, "Executive Board")
    assert board_items and "In person" in board_items[0], board_items

    feed = icalendar.Calendar.from_ical(anonymous(demo_site, CALENDAR + "calendar.ics"))
    overrides = [
        event
        for event in feed.walk("VEVENT")
        if BOARD in str(event.get("summary"))
        and event.get("recurrence-id")
        and event.decoded("recurrence-id").date().isoformat() == date
    ]
    assert len(overrides) == 1
    assert note in str(overrides[0].get("description"))


@pytest.mark.parametrize("width", [1280, 375])
def test_dashboard_screenshots(logged_in_page, demo_site, width):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for username, password in (EDITOR, MODERATOR, ("admin", "opeiu-demo-admin")):
        page = logged_in_page(username, password)
        page.set_viewport_size({"width": width, "height": 2400})  # the admin scrolls inside
        assert page.get_by_role("heading", name="Next meetings").is_visible()
        page.screenshot(path=SCREENSHOTS / f"dashboard-{username}-{width}.png", full_page=True)


def test_series_form_shows_only_the_chosen_rules_fields(logged_in_page):
    """The rule panel's script: a monthly series hides the weekday boxes and the date list;
    switching to weekly shows the boxes and hides the monthly fields."""
    moderator = logged_in_page(*MODERATOR)
    with screenshots_on_failure(moderator):
        moderator.get_by_role(
            "link", name=re.compile(f"^Change this date for {BOARD}, ")
        ).first.click()
        moderator.get_by_role("link", name="Edit the whole series").click()
        repeats = moderator.get_by_label("Repeats")
        repeats.wait_for(timeout=LONG)
        weekdays = moderator.locator('[name="weekdays"]').first
        week_of_month = moderator.locator('[name="week_of_month"]')
        explicit_dates = moderator.locator('[name="explicit_dates"]')
        assert week_of_month.is_visible()
        assert weekdays.is_hidden() and explicit_dates.is_hidden()
        repeats.select_option("weekly")
        assert weekdays.is_visible()
        assert week_of_month.is_hidden() and explicit_dates.is_hidden()
