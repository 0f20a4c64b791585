"""What the Docker image runs, run here: collectstatic, migrate, gunicorn with DEBUG off."""

import re
import socket
import subprocess
import time

import pytest

from tests.servers import BIN, ROOT, Gunicorn, http_get, production_env, start_demo_server


@pytest.mark.slow
def test_collectstatic_migrate_and_gunicorn_serve_the_site(tmp_path):
    server = start_demo_server(tmp_path)
    try:
        base = server.base_url
        status, _, body = http_get(base + "/")
        html = body.decode()
        assert status == 200
        assert "80 Eighth Avenue, Suite 201" in html
        # The stylesheet is the hashed, compressed copy collectstatic made.
        css = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', html)
        assert css, "stylesheet is not served from the manifest"
        status, headers, _ = http_get(base + css.group(1))
        assert status == 200
        assert "max-age=315360000" in headers.get("Cache-Control", "")

        status, _, body = http_get(base + "/no-such-page/")
        assert status == 404
        assert "Page not found" in body.decode()
        assert "Traceback" not in body.decode()
    finally:
        output = server.stop()
    assert '"GET / HTTP/1.1" 200' in output, "access log should go to stdout"
    # No control socket at the per-user default path every gunicorn here would share.
    assert "Control socket listening" not in output and "Booting worker" in output


@pytest.mark.slow
def test_idle_connections_do_not_hold_the_workers(tmp_path):
    """A browser opens connections ahead of need and may send nothing on them. With the
    shipped config (two workers, as `make run`) a request still gets through at once; sync
    workers each held such a connection for the whole 30 s timeout."""
    env = production_env(tmp_path, WEB_CONCURRENCY="2")
    migrate = subprocess.run(
        [str(BIN / "python"), "manage.py", "migrate", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert migrate.returncode == 0, migrate.stderr
    server = Gunicorn(env).start()
    idle = []
    try:
        idle = [socket.create_connection(("127.0.0.1", server.port)) for _ in range(3)]
        started = time.monotonic()
        status, _, _ = http_get(server.base_url + "/healthz", timeout=10)
        assert status == 200
        assert time.monotonic() - started < 3, "an idle connection held up the request"
    finally:
        for connection in idle:
            connection.close()
        server.stop()
