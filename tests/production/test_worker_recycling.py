"""Workers that never stall (issue 11, item 4): the shipped gunicorn.conf.py preloads the app,
so a recycled worker is a fork of the master, and recycling loses no request. How fast that
is under load is the benchmark's business (`make bench`, docs/benchmarks.md)."""

import json
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.servers import ROOT, http_get, production_env, start_demo_server

ADDRESS = "80 Eighth Avenue, Suite 201"  # the demo home's footer: a real page, rendered


def test_loading_the_app_opens_no_database_connection_or_thread(tmp_path):
    """What the gunicorn master runs with preload_app (wsgi module, then the URLconf) must
    leave nothing a fork would share: no open database connection, no thread."""
    env = production_env(tmp_path)
    script = (
        "import json, threading\n"
        "import opeiu_site.wsgi\n"
        "from django.urls import get_resolver\n"
        "get_resolver().url_patterns\n"
        "from django.db import connections\n"
        "print(json.dumps({'open': [c.alias for c in connections.all() if c.connection],"
        " 'threads': threading.active_count()}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    state = json.loads(result.stdout.strip().splitlines()[-1])
    assert state == {"open": [], "threads": 1}


@pytest.mark.slow
def test_recycled_workers_keep_serving_with_the_shipped_config(tmp_path, demo_template):
    # Recycle after 15-20 requests: 120 requests need at least six workers, so at least four
    # are forked while requests keep arriving from four clients at once.
    server = start_demo_server(
        tmp_path,
        template=demo_template,
        GUNICORN_MAX_REQUESTS="15",
        GUNICORN_MAX_REQUESTS_JITTER="5",
    )
    try:
        paths = ["/", "/healthz", "/no-such-page/"] * 40

        def fetch(path):
            status, _, body = http_get(server.base_url + path, timeout=30)
            return path, status, body.decode(errors="replace")

        with ThreadPoolExecutor(max_workers=4) as pool:
            results = list(pool.map(fetch, paths))
    finally:
        output = server.stop()

    expected = {"/": 200, "/healthz": 200, "/no-such-page/": 404}
    failed = [(path, status) for path, status, _ in results if status != expected[path]]
    assert failed == [], f"requests failed across worker recycling:\n{output[-3000:]}"
    assert all(ADDRESS in body for path, _, body in results if path == "/")
    booted = set(re.findall(r"Booting worker with pid: (\d+)", output))
    assert len(booted) >= 6, f"workers were not recycled:\n{output[-3000:]}"
    assert "Autorestarting worker after current request" in output
    assert "Traceback" not in output
