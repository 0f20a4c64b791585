"""A member on a phone (issue 27): Local 12's page leads with what they come for, the calendar
subscribes in one tap, large text never makes a page scroll sideways, and forced colours keep
the search box's boundary and the "you are here" markers."""

import re

import pytest

from events.templatetags.events_tags import COMING_UP_LIMIT
from tests.servers import ROOT

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 667}
LOCAL = "/locals/local-12/"
CALENDAR = "/locals/local-12/events/"
SCREENSHOTS = ROOT / "artifacts" / "screenshots"


def _phone_with_text_size(browser, percent, **options):
    """A 375 px tab whose browser font size is `percent` of the default (Chrome's Settings >
    Font size; the site sizes text in rem, so everything follows), and its DevTools session."""
    context = browser.new_context(viewport=PHONE, **options)
    context.set_default_timeout(15_000)
    page = context.new_page()
    session = context.new_cdp_session(page)
    size = round(16 * percent / 100)
    session.send("Page.setFontSizes", {"fontSizes": {"standard": size, "fixed": size}})
    return context, page


def _entry_paths(sitemap_paths):
    """The series and events of Local 12's calendar, from the sitemap."""
    pattern = re.compile(rf"^{re.escape(CALENDAR)}[^/]+/$")
    return [path for path in sitemap_paths if pattern.match(path)]


def _next_date_of(page, base_url, path):
    """(title, ISO start) of the next date that takes place on a series or event page, or
    None when it has none ahead (a past event, a series with no more dates)."""
    page.goto(base_url + path)
    # The title without the status badge an event's heading may carry.
    title = page.evaluate(
        "[...document.querySelector('h1').childNodes].filter(n => n.nodeType === 3)"
        ".map(n => n.textContent).join('').trim()"
    )
    if page.locator(".entry__past").count() or page.locator("h1 .badge--danger").count():
        return None
    series_dates = page.locator("li.occurrence:not(.occurrence--cancelled) time")
    if page.locator("#dates-heading").count():
        if not series_dates.count():
            return None
        return title, series_dates.first.get_attribute("datetime")
    return title, page.locator(".entry__facts time").first.get_attribute("datetime")


def test_local_page_on_a_phone_shows_the_next_date_of_each_series_and_the_next_closure(
    new_page, demo_site, sitemap_paths
):
    page = new_page(**PHONE)
    expected = [_next_date_of(page, demo_site, path) for path in _entry_paths(sitemap_paths)]
    expected = sorted({entry for entry in expected if entry is not None}, key=lambda e: e[1])
    assert len(expected) >= 3, "the demo's Local 12 has several series with dates ahead"

    page.goto(demo_site + LOCAL)
    items = page.locator(".coming-up__item")
    shown = [
        (
            item.locator(".coming-up__title").inner_text().strip(),
            item.locator("time").get_attribute("datetime"),
        )
        for item in items.all()
    ]
    # One row per series or event, its next date that takes place, soonest first: the weekly
    # call does not crowd out the monthly membership meeting; the soonest four, and the
    # calendar link says how many more it has.
    assert shown == expected[:COMING_UP_LIMIT]
    if len(expected) > COMING_UP_LIMIT:
        more = page.locator(".coming-up__more").inner_text()
        assert f"{len(expected) - COMING_UP_LIMIT} more" in more
    two_screens = 2 * PHONE["height"]
    last = items.last.bounding_box()
    assert last["y"] + last["height"] <= two_screens, "the last series is below two screens"

    closure = page.locator(".coming-up__closure")
    box = closure.bounding_box()
    assert box["y"] + box["height"] <= two_screens, "the next closure is below two screens"
    next_closure = closure.locator("time").get_attribute("datetime")
    # The closures listed further down start with that one and run in date order.
    listed = [time.get_attribute("datetime") for time in page.locator(".closure-list time").all()]
    assert listed[0] == next_closure
    assert listed == sorted(listed)

    # Contracts, the steward finder and the contact card come right after.
    steward = page.get_by_role("link", name="Find my steward")
    assert steward.bounding_box()["y"] < page.locator(".local-layout__more").bounding_box()["y"]
    contact = page.get_by_role("heading", name="Contact Local 12")
    assert contact.bounding_box()["y"] < page.locator(".local-layout__more").bounding_box()["y"]


def test_home_page_has_a_find_your_local_entry_outside_the_menu(new_page, demo_site):
    page = new_page(**PHONE)
    page.goto(demo_site + "/")
    entry = page.locator("main").get_by_role("link", name="Find your local")
    assert entry.is_visible()
    assert entry.bounding_box()["y"] < PHONE["height"], "the entry is on the first screen"
    entry.click()
    page.wait_for_url(demo_site + "/locals/")


def test_calendar_subscribes_in_one_tap_from_the_top_of_a_phone(browser, demo_site):
    context = browser.new_context(viewport=PHONE)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        page.goto(demo_site + CALENDAR)
        heading = page.get_by_role("heading", name="Subscribe to this calendar")
        assert heading.bounding_box()["y"] < PHONE["height"], "subscribe is on the first screen"
        feed = page.locator("#subscribe-url").inner_text().strip()
        assert feed.endswith(CALENDAR + "calendar.ics")
        webcal = "webcal://" + feed.split("://", 1)[1]

        google = page.get_by_role("link", name=re.compile("^Google Calendar"))
        outlook = page.get_by_role("link", name=re.compile("^Outlook.com"))
        apple = page.get_by_role("link", name=re.compile("^Apple Calendar"))
        assert google.get_attribute("href").startswith("https://calendar.google.com/")
        assert webcal in _decoded(google.get_attribute("href"))
        assert outlook.get_attribute("href").startswith("https://outlook.live.com/calendar/")
        assert feed in _decoded(outlook.get_attribute("href"))
        assert apple.get_attribute("href") == webcal

        page.get_by_role("button", name="Copy address").click()
        status = page.locator(".subscribe__copied")
        status.filter(has_text="Copied").wait_for()
        assert page.evaluate("navigator.clipboard.readText()") == feed
    finally:
        context.close()


def _decoded(url):
    from urllib.parse import unquote

    return unquote(url)


def test_without_javascript_the_feed_address_is_there_to_copy_by_hand(browser, demo_site):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(demo_site + CALENDAR)
        assert page.locator("#subscribe-url").is_visible()
        assert not page.get_by_role("button", name="Copy address").is_visible()
    finally:
        context.close()


LAYOUT_FACTS = """() => {
    const root = document.documentElement;
    const skip = document.querySelector('.skip-link').getBoundingClientRect();
    const name = document.querySelector('.site-header__name');
    const field = document.querySelector('#site-search-q').getBoundingClientRect();
    return {
        scrollWidth: root.scrollWidth,
        skipBottom: skip.bottom,
        nameRight: name.getBoundingClientRect().right,
        nameCut: name.scrollWidth > name.clientWidth,
        fieldWidth: field.width,
        fieldRight: field.right,
    };
}"""


def test_no_page_scrolls_sideways_at_375_px_with_200_percent_text(
    browser, demo_site, sitemap_paths
):
    context, page = _phone_with_text_size(browser, 200)
    width = PHONE["width"]
    problems = []
    try:
        paths = [*sitemap_paths, "/search/?q=union", "/no-such-page/", CALENDAR + "past/"]
        page.goto(demo_site + CALENDAR)
        paths.append(page.get_by_role("link", name="Month", exact=True).get_attribute("href"))
        for path in paths:
            page.goto(demo_site + path if path.startswith("/") else path)
            facts = page.evaluate(LAYOUT_FACTS)
            if facts["scrollWidth"] > width:
                problems.append(f"{path}: {facts['scrollWidth']}px wide")
            if facts["skipBottom"] > 0:
                problems.append(f"{path}: the skip link shows before it has focus")
            if facts["nameRight"] > width or facts["nameCut"]:
                problems.append(f"{path}: the union's name is cut")
            if facts["fieldWidth"] < width / 3 or facts["fieldRight"] > width:
                problems.append(f"{path}: the search field is {facts['fieldWidth']:.0f}px wide")
        assert not problems, "\n".join(problems)

        page.goto(demo_site + LOCAL)
        page.keyboard.press("Tab")
        skip = page.locator(".skip-link").bounding_box()
        assert skip["y"] >= 0 and skip["x"] + skip["width"] <= width, "the focused skip link shows"
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shots = [("local", LOCAL), ("calendar", CALENDAR), ("search", "/search/?q=union")]
        for name, path in shots:
            page.goto(demo_site + path)
            # The first screen only: a full-page capture resets the emulated font size.
            page.screenshot(path=str(SCREENSHOTS / f"{name}-375-text200.png"))
    finally:
        context.close()


CURRENT_MARKER = """(selector) => {
    const current = document.querySelector(selector + '[aria-current]');
    const other = [...document.querySelectorAll(selector)]
        .find(a => !a.hasAttribute('aria-current'));
    const look = (el) => {
        const style = getComputedStyle(el);
        return {border: parseFloat(style.borderBottomWidth) && style.borderBottomStyle !== 'none'
                    ? parseFloat(style.borderBottomWidth) : 0,
                underline: style.textDecorationLine.includes('underline')};
    };
    return {current: look(current), other: look(other)};
}"""


def test_forced_colors_keep_the_search_box_boundary_and_the_current_markers(browser, demo_site):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, forced_colors="active")
    try:
        page = context.new_page()
        page.goto(demo_site + CALENDAR)
        assert page.evaluate("matchMedia('(forced-colors: active)').matches")
        field = page.evaluate(
            """() => { const s = getComputedStyle(document.querySelector('#site-search-q'));
                return ['Top', 'Right', 'Bottom', 'Left'].map(side =>
                    s['border' + side + 'Style'] !== 'none'
                        ? parseFloat(s['border' + side + 'Width']) : 0);
            }"""
        )
        assert min(field) >= 1, f"the header search box has no boundary: {field}"
        for selector in ['nav[aria-label="Main"] a', ".calendar-views a"]:
            marker = page.evaluate(CURRENT_MARKER, selector)
            assert marker["current"] != marker["other"], f"{selector}: no current marker"
            assert marker["current"]["border"] >= 2 or marker["current"]["underline"], selector
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "calendar-1280-forced-colors.png"))
    finally:
        context.close()
