"""The admin's success messages are readable: static/core/admin/messages.css darkens Wagtail's
green under the white text to at least WCAG AA's 4.5:1 (Wagtail's own is 3.56:1, which axe
fails in the browser flows), and every admin page loads it after Wagtail's stylesheet."""

import re
from pathlib import Path

import pytest
import wagtail

ROOT = Path(__file__).resolve().parents[2]
OVERRIDE = ROOT / "static" / "core" / "admin" / "messages.css"
WAGTAIL_CSS = Path(wagtail.__file__).parent / "admin/static/wagtailadmin/css/core.css"


def luminance(hex_colour):
    """WCAG 2.2's relative luminance of #rrggbb."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first, second):
    light, dark = sorted([luminance(first), luminance(second)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


def rules(css, selector):
    """The declarations of every rule whose selector list is exactly `selector`."""
    return [m.group(1) for m in re.finditer(re.escape(selector) + r"\s*\{([^}]*)\}", css)]


def test_the_success_message_green_reads_at_4_5_to_1_under_white_text():
    [declarations] = rules(OVERRIDE.read_text(), ".messages .success")
    background = re.search(r"background-color:\s*(#[0-9a-fA-F]{6})", declarations).group(1)
    assert contrast(background, "#ffffff") >= 4.5
    # Wagtail's rule still sets white text on its green, the same in the light and dark themes
    # (no theme-specific rule for success messages): the override above serves both.
    wagtail_css = WAGTAIL_CSS.read_text()
    assert rules(wagtail_css, ".messages .success") == [
        "background-color:var(--w-color-positive-100);color:var(--w-color-white)"
    ]
    assert not re.search(r"\.w-theme-dark[^{]*\.messages[^{]*\.success", wagtail_css)
    assert "--w-color-white-lightness:100%" in wagtail_css


@pytest.mark.clock  # the dashboard's panels read today's date
def test_every_admin_page_loads_the_override_after_wagtails_stylesheet(admin_client):
    html = admin_client.get("/admin/").content.decode()
    assert html.index("wagtailadmin/css/core.css") < html.index("core/admin/messages.css")
