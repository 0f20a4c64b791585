"""The editor flow in the real admin (issue 7): Local 12's editor writes a news post and submits
it to Local 12's approval workflow; Local 12's moderator approves and publishes it; an anonymous
visitor then sees it on Local 12's page and in its RSS feed. Both public pages are fetched (and
cached) before the post exists, so this also proves that publishing invalidates the page
cache across every gunicorn worker."""

import uuid
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest
from django.utils import timezone

from tests.servers import http_get

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
EDITOR = ("local12-editor", "local12-editor-demo")
MODERATOR = ("local12-moderator", "local12-moderator-demo")
LOCAL_PAGE = "/locals/local-12/"
NEWS_INDEX = "/locals/local-12/news/"
FEED = "/locals/local-12/news/rss/"
LONG = 30_000  # ms: the admin is heavier than the public pages


# locals.provisioning names each local's workflow "<Local N> approval".
SUBMIT = "Submit to Local 12 approval"


@contextmanager
def screenshots_on_failure(*pages):
    """Save every tab to artifacts/ if the block fails, to show where the flow stopped."""
    try:
        yield
    except BaseException:
        ARTIFACTS.mkdir(exist_ok=True)
        for number, page in enumerate(pages):
            page.screenshot(path=ARTIFACTS / f"editor-flow-{number}.png", full_page=True)
        raise


def anonymous(base_url, path):
    status, headers, body = http_get(base_url + path)
    assert status == 200, (path, status)
    return headers, body.decode()


def explore_local12_news(page, base_url):
    """From the admin's page explorer, to the child pages of Local 12's News index."""
    page.goto(base_url + "/admin/pages/")
    page.get_by_role("link", name="Explore child pages of 'News'").click()
    page.wait_for_url("**/admin/pages/*/", timeout=LONG)


def post_row(page, title):
    """The explorer's table row for the post called `title`."""
    return page.get_by_role("row").filter(has=page.get_by_role("link", name=title))


def submit_news_post(editor, base_url, title, summary):
    explore_local12_news(editor, base_url)
    editor.get_by_role("link", name="Add child page").first.click()
    editor.locator("#id_title").fill(title)  # its name is "Title*"; "Subtitle" matches "Title"
    editor.get_by_role("textbox", name="Publication date").fill(timezone.now().date().isoformat())
    editor.keyboard.press("Escape")  # close the date picker
    editor.get_by_role("textbox", name="Summary", exact=True).fill(summary)
    editor.get_by_role("button", name="More actions").click()
    editor.get_by_role("button", name=SUBMIT).click()
    # Back in the explorer: Wagtail confirms, and the post waits for Local 12's moderators.
    editor.get_by_text(f"Page '{title}' created and submitted for moderation").wait_for(
        timeout=LONG
    )
    assert "in moderation" in post_row(editor, title).inner_text().lower()


def approve_news_post(moderator, base_url, title):
    explore_local12_news(moderator, base_url)
    moderator.get_by_role("link", name=title).first.click()
    moderator.get_by_role("button", name="More actions").click()
    moderator.get_by_role("button", name="Approve and Publish").click()
    # Back in the explorer: Wagtail confirms, and the post's status is now "live".
    moderator.get_by_text(f"Page '{title}' has been updated").wait_for(timeout=LONG)
    assert "live" in post_row(moderator, title).inner_text().lower()


@pytest.mark.clock  # the post is dated today
def test_local_editor_submits_and_local_moderator_publishes_news(logged_in_page, demo_site):
    title = f"Roseville clinic staff ratify first contract {uuid.uuid4().hex[:6]}"
    summary = "Clerical staff at the Roseville clinic voted to ratify their first contract."

    # An anonymous visitor loads both pages first: from now on they are in the page cache.
    for path in (LOCAL_PAGE, FEED):
        anonymous(demo_site, path)
        headers, body = anonymous(demo_site, path)
        assert title not in body
        assert headers.get("X-Page-Cache") == "HIT", f"{path} should come from the page cache"

    # Local 12's editor writes the post and submits it to the local's approval workflow.
    editor = logged_in_page(*EDITOR)
    with screenshots_on_failure(editor):
        submit_news_post(editor, demo_site, title, summary)
    assert title not in anonymous(demo_site, NEWS_INDEX)[1], "not public before approval"

    # Local 12's moderator approves it, which publishes it (the workflow has one task).
    moderator = logged_in_page(*MODERATOR)
    with screenshots_on_failure(moderator):
        approve_news_post(moderator, demo_site, title)

    # An anonymous visitor sees it on Local 12's page and in its feed, with no stale cache.
    _, local_page = anonymous(demo_site, LOCAL_PAGE)
    assert title in local_page
    _, feed_xml = anonymous(demo_site, FEED)
    feed = feedparser.parse(feed_xml)
    assert not feed.bozo, feed.bozo_exception
    entry = next(entry for entry in feed.entries if entry.title == title)
    assert summary in entry.summary
    assert urlsplit(entry.link).path.startswith(NEWS_INDEX)
