"""Two admin widgets an editor coming from WordPress tripped on (issue 27 item 9), in the real
admin of the demo site as Local 12's editor:

- in the page explorer, clicking the title of a page with child pages opens its children (as a
  folder would); its "Edit" button still opens its edit form; a page without children still
  opens its edit form from its title;
- the date picker closes on Escape, and focus stays on its date field."""

import re

import pytest

from .test_editor_flow import EDITOR, LONG, screenshots_on_failure

pytestmark = pytest.mark.browser

PICKER = ".xdsoft_datetimepicker"


def test_a_title_with_children_opens_them_and_escape_closes_the_date_picker(
    logged_in_page, demo_site
):
    editor = logged_in_page(*EDITOR)
    with screenshots_on_failure(editor):
        editor.goto(demo_site + "/admin/pages/")
        explore = editor.get_by_role("link", name="Explore child pages of 'News'")
        children_url = demo_site + explore.get_attribute("href")
        news_id = re.search(r"/admin/pages/(\d+)/$", children_url)[1]
        row = editor.get_by_role("row").filter(has=explore)
        # Its "Edit" button is beside the title.
        edit = row.get_by_role("link", name="Edit “News”")
        assert edit.get_attribute("href") == f"/admin/pages/{news_id}/edit/"

        row.get_by_role("link", name="News", exact=True).click()
        editor.wait_for_url(children_url, timeout=LONG)
        assert editor.get_by_role("heading", level=1).inner_text().strip().endswith("News")
        posts = editor.locator("td[data-listing-page-title] a[title='Edit this page']")
        assert posts.count() > 0, "the News listing shows its posts"

        # A post has no children: its title opens its edit form.
        posts.first.click()
        editor.wait_for_url(re.compile(r".*/admin/pages/\d+/edit/$"), timeout=LONG)

        field = editor.get_by_role("textbox", name="Publication date")
        field.click()
        picker = editor.locator(PICKER).filter(has=editor.locator(".xdsoft_calendar"))
        editor.locator(f"{PICKER}:visible").first.wait_for(state="visible", timeout=LONG)
        editor.keyboard.press("Escape")
        editor.locator(f"{PICKER}:visible").first.wait_for(state="hidden", timeout=5_000)
        assert picker.evaluate_all("els => els.every(el => el.offsetParent === null)")
        assert field.evaluate("el => el === document.activeElement"), "focus left the field"
        # Escape closed only the picker: still on the edit form, the field can reopen it.
        assert editor.url.endswith("/edit/")
        editor.keyboard.press("ArrowDown")
        field.click()
        editor.locator(f"{PICKER}:visible").first.wait_for(state="visible", timeout=LONG)
