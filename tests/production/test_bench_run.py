"""`make bench` end to end at a tiny size (seconds per segment, demo data only): every server
starts and stops, every segment runs, and the report has its rows. The figures themselves are
the bench's business, not a test's: only what a broken harness would get wrong is checked."""

import json
import os
import re
import shutil
import subprocess
import sys

import pytest

from tests.conftest import require_tool
from tests.servers import ROOT
from tests.varnish import DEFAULT_VCL

# Until the cache tier's deploy/varnish/default.vcl is in the tree, the harness is exercised
# with this minimal one (same contract: the bench's site.vcl names the backend "app"; public
# responses are cached; X-Cache says HIT).
MINIMAL_VCL = """vcl 4.1;
include "site.vcl";
sub vcl_recv {
    set req.backend_hint = app;
    if (req.method == "PURGE") {
        if (client.ip ~ purgers) { return (purge); }
        return (synth(403));
    }
    if (req.url ~ "^/admin/") { return (pass); }
    unset req.http.Cookie;
}
sub vcl_deliver {
    if (obj.hits > 0) { set resp.http.X-Cache = "HIT"; } else { set resp.http.X-Cache = "MISS"; }
}
"""


def cells(report, *first):
    """The cells of the markdown row starting with these cells."""
    prefix = "| " + " | ".join(first) + " |"
    for line in report.splitlines():
        if line.startswith(prefix):
            return [cell.strip() for cell in line.strip("|").split("|")]
    raise AssertionError(f"no row {prefix!r} in the report:\n{report}")


@pytest.mark.slow
def test_bench_runs_every_segment_and_prints_the_tables(tmp_path, demo_template):
    require_tool(shutil.which("wrk"), "wrk")
    require_tool(shutil.which("varnishd"), "varnishd (varnish, varnish-modules)")
    vcl = DEFAULT_VCL
    if not vcl.exists():
        vcl = tmp_path / "minimal.vcl"
        vcl.write_text(MINIMAL_VCL)
    figures_file = tmp_path / "figures.json"
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update(
        BENCH_QUICK="1",
        BENCH_TARGETS="home,local page",
        BENCH_DURATION="1",
        BENCH_EDIT_DURATION="4",
        BENCH_DRAFT_EVERY="1",
        BENCH_PUBLISH_EVERY="2",
        BENCH_RECYCLE="50",
        BENCH_VARNISH_VCL=str(vcl),
        BENCH_JSON=str(figures_file),
        BENCH_DEMO_TEMPLATE=str(demo_template),
    )
    result = subprocess.run(
        [sys.executable, "-m", "bench.run"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-5000:]
    report = result.stdout

    assert "command: `" in report and "load before:" in report and "load after:" in report
    # Every row is printed with figures. How many requests a 1 s segment completes depends on
    # the machine's load (an uncached page may take longer than that on a busy machine), so
    # only cache hits, which take milliseconds, must have completed some.
    for reference in ("static file, gunicorn (no recycling)", "static file, Varnish hit",
                      "empty `wagtail start` home"):  # fmt: skip
        row = cells(report, reference)
        assert float(row[1]) >= 0 and row[5].split()[0] == "0", row
    for target in ("home", "local page"):
        for mode in ("uncached", "app hit", "Varnish"):
            row = cells(report, target, mode)
            assert float(row[2]) >= 0 and row[6].split()[0] == "0", row
    assert float(cells(report, "preload_app (shipped)")[1]) >= 0
    assert float(cells(report, "no preload (re-import)")[1]) >= 0
    figures = json.loads(figures_file.read_text())
    for mode in ("cached", "varnish"):
        assert all(result["requests"] > 0 for result in figures[mode].values()), figures[mode]

    for tier, hits in (("app cache", "app_hits"), ("Varnish", "varnish_hits")):
        section = report.split(f"Editing scenario, {tier}:")[1]
        publishes = re.match(r" (\d+) drafts and (\d+) publishes", section)
        assert publishes and int(publishes.group(2)) >= 1, section[:300]
        for url in ("International home", "Local 12", "calendar"):
            row = cells(section, url)
            assert float(row[1]) >= 0 and float(row[2]) >= 0 and row[7].split()[0] == "0", row
        # Nobody is editing yet: the primed home page is read from the cache, and counted so.
        scenario = next(s for s in figures["editing"] if s["tier"] == tier)
        alone = scenario["baseline"]["International home"]
        assert alone["requests"] > 0 and alone[hits] >= 0.9, alone
    assert "All goals met." in report or "NOT MET" in report
