"""ical.js (the calendar reader of Thunderbird and many web calendars) run by node on what our
feeds serve. The callers ask for the `node_modules` fixture (it skips, or fails in CI, where node
or the repo's node_modules are missing)."""

import json
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent  # where node_modules is
EXPAND = HERE / "events" / "icaljs_expand.mjs"
ZONE_OFFSETS = HERE / "events" / "icaljs_zone_offsets.mjs"


def run_node(script, *args, feed, timeout=60):
    result = subprocess.run(
        ["node", str(script), *args],
        input=feed,
        capture_output=True,
        cwd=ROOT,
        check=True,
        timeout=timeout,
    )
    return json.loads(result.stdout)


def icaljs(feed, uid, until, timeout=60):
    """The occurrences of the event `uid` in `feed` (bytes) up to `until` (YYYY-MM-DD) as ical.js
    expands them: [{"start", "utc", "tzid", "status", ...}] (tests/events/icaljs_expand.mjs)."""
    return run_node(EXPAND, uid, until, feed=feed, timeout=timeout)


def icaljs_offsets(body, first, last, timeout=300):
    """{zone name: [[day index, offset seconds], ...]} at noon of every day from `first` to
    `last` for the VTIMEZONEs in `body` (one node process for every zone)."""
    return run_node(ZONE_OFFSETS, first.isoformat(), last.isoformat(), feed=body, timeout=timeout)
