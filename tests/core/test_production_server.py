"""What the Docker image runs, run here: collectstatic, migrate, gunicorn with DEBUG off."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.mark.slow
def test_collectstatic_migrate_and_gunicorn_serve_the_site(tmp_path):
    port = _free_port()
    env = {
        **os.environ,
        "DEBUG": "False",
        "SECRET_KEY": "test-" + "k" * 50,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "2",
        "HTTPS": "False",  # plain HTTP on loopback: no redirect, no Secure-only cookies
    }
    for command in (["collectstatic", "--noinput"], ["migrate", "--noinput"], ["load_demo"]):
        result = subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr

    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                status, _, _ = _get(base + "/healthz")
                if status == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "gunicorn did not answer within 30 s"
            time.sleep(0.2)

        status, _, body = _get(base + "/")
        html = body.decode()
        assert status == 200
        assert "80 Eighth Avenue, Suite 201" in html
        # The stylesheet is the hashed, compressed copy collectstatic made.
        css = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', html)
        assert css, "stylesheet is not served from the manifest"
        status, headers, _ = _get(base + css.group(1))
        assert status == 200
        assert "max-age=315360000" in headers.get("Cache-Control", "")

        status, _, body = _get(base + "/no-such-page/")
        assert status == 404
        assert "Page not found" in body.decode()
        assert "Traceback" not in body.decode()
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0].decode()
    assert '"GET / HTTP/1.1" 200' in output, "access log should go to stdout"
