"""On a phone (375 px) the main menu is a disclosure: a button that opens and closes the list,
by mouse and by keyboard, with Escape returning focus to the button. Without JavaScript the
menu is the plain list of links."""

import pytest

pytestmark = pytest.mark.browser

MENU = 'nav[aria-label="Main"]'
BUTTON = ".main-menu-toggle"


@pytest.fixture
def phone(new_page):
    return new_page(width=375, height=800)


def _menu_link_count(page):
    return page.locator(f"{MENU} a").count()


def _visible_menu_links(page):
    return [link for link in page.locator(f"{MENU} a").all() if link.is_visible()]


def test_menu_button_opens_and_closes_the_menu_by_mouse(phone, demo_site):
    phone.goto(demo_site + "/")
    button = phone.locator(BUTTON)
    assert button.is_visible()
    assert button.evaluate("b => b.tagName") == "BUTTON"
    assert button.get_attribute("aria-controls") == phone.locator(MENU).get_attribute("id")
    assert button.get_attribute("aria-expanded") == "false"
    assert _visible_menu_links(phone) == []

    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    assert len(_visible_menu_links(phone)) == _menu_link_count(phone) >= 2
    # The open list sits below the button and fits the screen.
    first = phone.locator(f"{MENU} a").first.bounding_box()
    assert first["y"] > button.bounding_box()["y"]
    assert first["x"] + first["width"] <= 375

    button.click()
    assert button.get_attribute("aria-expanded") == "false"
    assert _visible_menu_links(phone) == []


def test_menu_button_works_by_keyboard_and_escape_returns_focus(phone, demo_site):
    phone.goto(demo_site + "/news/")
    phone.keyboard.press("Tab")  # the skip link
    phone.keyboard.press("Tab")  # the brand
    phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.classList.contains('main-menu-toggle')")

    phone.keyboard.press("Enter")
    assert phone.locator(BUTTON).get_attribute("aria-expanded") == "true"
    phone.keyboard.press("Tab")  # into the list: no trap, the next stop is the first link
    assert phone.evaluate(f"!!document.activeElement.closest('{MENU}')")
    assert phone.evaluate("document.activeElement.textContent.trim()") == "Home"

    phone.keyboard.press("Escape")
    assert phone.locator(BUTTON).get_attribute("aria-expanded") == "false"
    assert phone.evaluate("document.activeElement.classList.contains('main-menu-toggle')")
    assert _visible_menu_links(phone) == []

    phone.keyboard.press("Space")
    assert phone.locator(BUTTON).get_attribute("aria-expanded") == "true"
    # Tabbing past the last link leaves the menu for the search box (no focus trap).
    for _ in range(_menu_link_count(phone)):
        phone.keyboard.press("Tab")
    phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.id") == "site-search-q"


def test_without_javascript_the_menu_is_a_plain_list(browser, demo_site):
    context = browser.new_context(viewport={"width": 375, "height": 800}, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(demo_site + "/")
        assert not page.locator(BUTTON).is_visible()
        assert len(_visible_menu_links(page)) == _menu_link_count(page) >= 2
    finally:
        context.close()


def test_wide_screens_show_the_menu_without_the_button(page, demo_site):
    page.goto(demo_site + "/")
    assert not page.locator(BUTTON).is_visible()
    assert len(_visible_menu_links(page)) == _menu_link_count(page)
