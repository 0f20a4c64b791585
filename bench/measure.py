"""In-process measurements per target: SQL queries per request and median render time, in three
modes, printed as JSON for bench.run (and as a table on stderr):

    cold    page cache off, fragment cache on but empty before each render (every section
            renders and is stored: a page just purged, or a fresh cache)
    warm    page cache off, the page's fragments cached ({% cachefragment %}): a page whose own
            tag was purged while its sections were not
    cached  the page cache answers (a hit)

`uncached_*` are the cold figures (bench.report's name for them).

    python -m bench.measure > demo.json
    python -m bench.measure --editing-paths   # the editing scenario's URLs
"""

import json
import os
import statistics
import sys
import time
import uuid

MODES = ("cold", "warm", "cached")


def _fresh_namespace():
    return f"bench-{uuid.uuid4().hex}"


def render_figures(client, path, mode, repeat):
    """{"status", "queries", "sql", "ms", "cpu_ms"} of `path` in `mode` (MODES): the queries of
    one render after a first one (which warms templates, renditions and, but for cold, the
    caches), then the median wall-clock and CPU time (time.process_time: this process, so
    SQLite's work too) of `repeat` renders."""
    from django.conf import settings
    from django.db import connection
    from django.test import override_settings
    from django.test.utils import CaptureQueriesContext

    with override_settings(
        PAGE_CACHE_ENABLED=mode == "cached",
        FRAGMENT_CACHE_ENABLED=True,
        PAGE_CACHE_NAMESPACE=_fresh_namespace(),
    ):

        def prepare():
            if mode == "cold":
                settings.PAGE_CACHE_NAMESPACE = _fresh_namespace()

        response = client.get(path)
        if response.status_code != 200:
            return {"status": response.status_code}
        prepare()
        with CaptureQueriesContext(connection) as captured:
            client.get(path)
        # Read them now: the next request's request_started signal empties the connection's log.
        sql = [query["sql"] for query in captured.captured_queries]
        wall, cpu = [], []
        for _ in range(repeat):
            prepare()
            started, started_cpu = time.perf_counter(), time.process_time()
            client.get(path)
            cpu.append((time.process_time() - started_cpu) * 1000)
            wall.append((time.perf_counter() - started) * 1000)
    return {
        "status": 200,
        "queries": len(sql),
        "sql": sql,
        "ms": statistics.median(wall),
        "cpu_ms": statistics.median(cpu),
    }


def measure(repeat=15):
    from django.test import Client

    from bench.config import selected_targets

    results = {}
    for target in selected_targets():
        path = target.resolve()
        if path is None:
            results[target.name] = None
            continue
        row = {"path": path}
        client = Client(HTTP_HOST="localhost")
        for mode in MODES:
            figures = render_figures(client, path, mode, repeat)
            row["status"] = figures["status"]
            if figures["status"] != 200:
                break
            row[f"{mode}_queries"] = figures["queries"]
            row[f"{mode}_ms"] = figures["ms"]
            row[f"{mode}_cpu_ms"] = figures["cpu_ms"]
        if "cold_ms" in row:
            row["uncached_queries"], row["uncached_ms"] = row["cold_queries"], row["cold_ms"]
        results[target.name] = row
    return results


def print_table(results, file=sys.stderr):
    """Queries and median CPU ms per target, cold / warm / cached."""
    print(f"{'target':20} {'queries cold/warm/hit':>22} {'CPU ms cold/warm/hit':>22}", file=file)
    for name, row in results.items():
        if row is None or "cold_ms" not in row:
            state = "n/a" if row is None else f"status {row['status']}"
            print(f"{name:20} {state}", file=file)
            continue
        queries = "/".join(str(row[f"{mode}_queries"]) for mode in MODES)
        cpu = "/".join(f"{row[f'{mode}_cpu_ms']:.1f}" for mode in MODES)
        print(f"{name:20} {queries:>22} {cpu:>22}", file=file)


def editing_paths():
    from bench.config import EDITING_TARGETS

    return {target.name: target.resolve() for target in EDITING_TARGETS}


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opeiu_site.settings")
    import django

    django.setup()
    if "--editing-paths" in sys.argv:
        json.dump(editing_paths(), sys.stdout)
        return
    results = measure()
    print_table(results)
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
