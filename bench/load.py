"""Load generation: wrk against one URL (req/s, p50, p99, errors), optionally counting cache
hits with bench/hits.lua, several URLs at once, and the machine's load around each segment."""

import os
import re
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HITS_SCRIPT = Path(__file__).resolve().parent / "hits.lua"
_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def loadavg():
    return os.getloadavg()[0]


def parse_wrk(output):
    def latency(percentile):
        match = re.search(rf"^\s+{percentile}%\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE)
        return float(match.group(1)) * _UNITS[match.group(2)] if match else None

    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    total = re.search(r"^\s*(\d+) requests in", output, re.MULTILINE)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)$", output, re.MULTILINE)
    result = {
        "rps": float(rps.group(1)) if rps else 0.0,
        "requests": int(total.group(1)) if total else 0,
        "p50": latency(50),
        "p99": latency(99),
        "errors": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": socket_errors.group(1).strip() if socket_errors else "",
    }
    hits = re.search(r"^BENCH-HITS (\d+) (\d+) (\d+) (\d+)$", output, re.MULTILINE)
    if hits:
        responses, varnish, app, _bad = (int(n) for n in hits.groups())
        result["varnish_hits"] = varnish / responses if responses else 0.0
        result["app_hits"] = app / responses if responses else 0.0
    return result


def wrk(url, duration, connections, count_hits=False):
    """One wrk run (1 thread); returns req/s, p50/p99 ms, errors, and hit ratios if counted,
    with the load average before and after."""
    command = ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--timeout", "10s", "--latency"]
    if count_hits:
        command += ["-s", str(HITS_SCRIPT)]
    before = loadavg()
    completed = subprocess.run([*command, url], capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise RuntimeError(f"wrk failed on {url}:\n{completed.stderr}{completed.stdout}")
    result = parse_wrk(completed.stdout)
    result.update(load_before=before, load_after=loadavg(), url=url)
    return result


def wrk_together(urls, duration, connections):
    """wrk on each URL at the same time (one process each, hits counted); {url: result}."""
    with ThreadPoolExecutor(max_workers=len(urls)) as pool:
        runs = {url: pool.submit(wrk, url, duration, connections, True) for url in urls}
        return {url: run.result() for url, run in runs.items()}
