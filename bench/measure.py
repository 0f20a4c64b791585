"""In-process measurements per target: SQL queries per request and median render time, with
the page cache off (uncached) and on (a cache hit). Prints JSON for bench.run.

    python -m bench.measure > demo.json
    python -m bench.measure --editing-paths   # the editing scenario's URLs
"""

import json
import os
import statistics
import sys
import time


def measure(repeat=15):
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    from bench.config import selected_targets

    results = {}
    for target in selected_targets():
        path = target.resolve()
        if path is None:
            results[target.name] = None
            continue
        row = {"path": path}
        for mode, enabled in (("uncached", False), ("cached", True)):
            with override_settings(PAGE_CACHE_ENABLED=enabled):
                client = Client(HTTP_HOST="localhost")
                response = client.get(path)  # warm: templates, the cache for "cached"
                row["status"] = response.status_code
                with CaptureQueriesContext(connection) as queries:
                    client.get(path)
                # Read it now: the next request resets the connection's query log.
                row[f"{mode}_queries"] = len(queries)
                times = []
                for _ in range(repeat):
                    started = time.perf_counter()
                    client.get(path)
                    times.append(time.perf_counter() - started)
                row[f"{mode}_ms"] = statistics.median(times) * 1000
        results[target.name] = row
    return results


def editing_paths():
    from bench.config import EDITING_TARGETS

    return {target.name: target.resolve() for target in EDITING_TARGETS}


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opeiu_site.settings")
    import django

    django.setup()
    json.dump(editing_paths() if "--editing-paths" in sys.argv else measure(), sys.stdout)


if __name__ == "__main__":
    main()
