"""Keyboard only: the skip link, the main menu, the search box and the search form work without a
mouse, and the focused element always shows a visible focus indicator."""

import re

import pytest

pytestmark = pytest.mark.browser

FOCUS_STATE = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    return {
        tag: el.tagName.toLowerCase(),
        id: el.id,
        text: (el.innerText || el.value || el.getAttribute('aria-label') || '').trim(),
        href: el.getAttribute('href'),
        visible: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
                 || style.boxShadow !== 'none',
        inMainMenu: !!el.closest('nav[aria-label="Main"]'),
    };
}"""


def tab(page):
    page.keyboard.press("Tab")
    return page.evaluate(FOCUS_STATE)


def test_first_tab_reaches_the_skip_link_which_moves_focus_to_main(page, demo_site):
    page.goto(demo_site + "/")
    skip_link = page.locator(".skip-link")
    assert skip_link.bounding_box()["y"] < 0, "the skip link should wait off-screen"
    focused = tab(page)
    assert focused["text"] == "Skip to main content"
    assert focused["visible"]
    assert skip_link.bounding_box()["y"] >= 0, "the skip link must come into view when focused"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # The next Tab continues inside main, not back in the header.
    following = tab(page)
    assert following is None or not following["inMainMenu"]
    assert page.evaluate("!!document.activeElement.closest('main, footer')") or following is None


def test_every_focus_stop_is_visible_and_reaches_menu_and_search(page, demo_site):
    page.goto(demo_site + "/")
    menu_links = page.eval_on_selector_all(
        'nav[aria-label="Main"] a', "links => links.map(a => a.getAttribute('href'))"
    )
    assert len(menu_links) >= 2
    seen, invisible, reached_search = [], [], False
    for _ in range(200):
        focused = tab(page)
        if focused is None or (seen and focused["text"] == "Skip to main content"):
            break  # wrapped around to the browser chrome or back to the top
        seen.append(focused)
        if not focused["visible"]:
            invisible.append(focused)
        if focused["id"] == "site-search-q":
            reached_search = True
    assert not invisible, f"focus is not visible on: {invisible}"
    focused_menu = [item["href"] for item in seen if item["inMainMenu"]]
    assert focused_menu == menu_links
    assert reached_search, "the header search box is not reachable by Tab"


def test_main_menu_link_works_with_enter(page, demo_site):
    page.goto(demo_site + "/")
    for _ in range(30):
        focused = tab(page)
        if focused and focused["inMainMenu"] and focused["href"] != "/":
            break
    target = focused["href"]
    page.keyboard.press("Enter")
    page.wait_for_url(demo_site + target)
    assert page.evaluate("location.pathname") == target


def test_header_search_box_by_keyboard_lands_on_results(page, demo_site):
    page.goto(demo_site + "/about/")
    for _ in range(40):
        if tab(page)["id"] == "site-search-q":
            break
    page.keyboard.type("union")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=union$"))
    assert page.locator("h1").inner_text() == "Search results for “union”"
    assert page.locator(".search-result").count() >= 1
    assert re.match(r"[1-9]\d* results?", page.locator("[role=status]").inner_text())


def test_search_form_on_the_results_page_by_keyboard(page, demo_site):
    page.goto(demo_site + "/search/")
    page.locator("#search-page-q").focus()
    page.keyboard.type("need union")
    page.keyboard.press("Tab")
    focused = page.evaluate(FOCUS_STATE)
    assert focused["id"] == "search-page-type"
    assert focused["visible"]
    page.keyboard.press("Tab")
    focused = page.evaluate(FOCUS_STATE)
    assert focused["text"] == "Search" and focused["visible"]
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=need\+union"))
    assert "Need a Union?" in page.locator(".search-results").inner_text()
