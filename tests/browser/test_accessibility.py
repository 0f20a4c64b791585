"""axe-core's WCAG 2.2 A/AA rules on every live page of the demo site (from its sitemap, so page
types added later are covered), the search results and the 404 page: zero violations."""

import pytest

from .axe import describe, run_axe

pytestmark = pytest.mark.browser

# Search results (plain, with an editor's promotion, empty) and the 404 page.
EXTRA_PATHS = [
    "/search/?q=union",
    "/search/?q=organize",
    "/search/?q=zzzznothing",
    "/no-such-page/",
]


def test_every_page_has_zero_axe_violations(page, demo_site, sitemap_paths, node_modules):
    axe_path = node_modules / "axe-core" / "axe.min.js"
    violations_by_url = {}
    for path in [*sitemap_paths, *EXTRA_PATHS]:
        response = page.goto(demo_site + path)
        expected = 404 if path == "/no-such-page/" else 200
        assert response.status == expected, f"{path} answered {response.status}"
        violations = run_axe(page, axe_path)
        if violations:
            violations_by_url[path] = violations
    checked = len(sitemap_paths) + len(EXTRA_PATHS)
    assert not violations_by_url, (
        f"axe found violations on {len(violations_by_url)} of {checked} pages:\n"
        + describe(violations_by_url)
    )


def test_every_page_has_one_h1_a_lang_and_landmarks(page, demo_site, sitemap_paths):
    problems = []
    for path in [*sitemap_paths, "/search/?q=union"]:
        page.goto(demo_site + path)
        facts = page.evaluate(
            """() => ({
                h1: document.querySelectorAll('h1').length,
                lang: document.documentElement.lang,
                main: document.querySelectorAll('main').length,
                header: document.querySelectorAll('body > header').length,
                footer: document.querySelectorAll('body > footer').length,
                nav: document.querySelectorAll('nav[aria-label="Main"]').length,
                search: document.querySelectorAll('[role="search"], search').length,
            })"""
        )
        expected = {"h1": 1, "lang": "en", "main": 1, "header": 1, "footer": 1, "nav": 1}
        wrong = {key: facts[key] for key, value in expected.items() if facts[key] != value}
        if facts["search"] < 1:
            wrong["search"] = 0
        if wrong:
            problems.append(f"{path}: {wrong}")
    assert not problems, "\n".join(problems)


def test_axe_really_reports_problems(page, node_modules):
    """Guards the guard: the same axe run flags a missing alt, poor contrast and tiny targets."""
    page.set_content(
        '<html lang="en"><body><main><h1>Test</h1><img src="data:,">'
        '<p style="color:#aaa;background:#fff">Faint text</p>'
        '<a href="/a" style="display:inline-block;width:10px;height:10px;overflow:hidden">a</a>'
        '<a href="/b" style="display:inline-block;width:10px;height:10px;overflow:hidden">b</a>'
        "</main></body></html>"
    )
    found = {violation["id"] for violation in run_axe(page, node_modules / "axe-core/axe.min.js")}
    assert {"image-alt", "color-contrast", "target-size"} <= found
