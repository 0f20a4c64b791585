"""Run axe-core (from the repo's node_modules) in a Playwright page and format what it finds."""

from pathlib import Path

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def run_axe(page, axe_path):
    # Evaluated through the DevTools protocol, not as a <script> tag: the site's strict CSP
    # (script-src 'self' only) rightly blocks an injected inline script.
    page.evaluate(Path(axe_path).read_text(encoding="utf-8"))
    return page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))"
        ".violations.map(v => ({id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,"
        " nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary}))}))",
        WCAG_TAGS,
    )


def describe(violations_by_url):
    """One readable block per page and rule, with the offending elements."""
    lines = []
    for url, violations in violations_by_url.items():
        for violation in violations:
            lines.append(f"{url}: [{violation['impact']}] {violation['id']}: {violation['help']}")
            lines.append(f"    {violation['helpUrl']}")
            for node in violation["nodes"][:10]:
                lines.append(f"    - {node['target']}")
                summary = (node["summary"] or "").replace("\n", "\n        ")
                lines.append(f"        {summary}")
    return "\n".join(lines)
