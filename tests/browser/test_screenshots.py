"""Narrow (375 px) and wide (1280 px) full-page screenshots of the home page and, when the demo
has them, a news post, a local's page and the calendar; saved under artifacts/screenshots/ for
people (and CI artifacts) to look at."""

import re

import pytest

from tests.servers import ROOT

pytestmark = pytest.mark.browser

SCREENSHOTS = ROOT / "artifacts" / "screenshots"
WIDTHS = [375, 1280]
# (name, pattern of a sitemap path): the first matching path is photographed.
PAGE_KINDS = [
    ("home", r"^/$"),
    ("news-post", r"^/news/[^/]+/$"),
    ("local", r"^/locals/[^/]+/$"),
    ("calendar", r"^/events/$"),
    ("about", r"^/about/$"),
]


def test_screenshots_at_narrow_and_wide_widths(new_page, demo_site, sitemap_paths):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    targets = {"search": "/search/?q=union"}
    for name, pattern in PAGE_KINDS:
        path = next((path for path in sitemap_paths if re.match(pattern, path)), None)
        if path:
            targets[name] = path
    assert "home" in targets
    for width in WIDTHS:
        page = new_page(width=width, height=900)
        for name, path in targets.items():
            page.goto(demo_site + path)
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {width}px"
            out = SCREENSHOTS / f"{name}-{width}.png"
            page.screenshot(path=str(out), full_page=True)
            assert out.stat().st_size > 5_000
