"""Run the site the way production does, for tests that need a real server: collectstatic,
migrate and load_demo into a temporary SQLite database, then gunicorn on a free local port with
DEBUG off. Used by tests/core/test_production_server.py and the browser tests."""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http_get(url, timeout=10):
    """(status, headers, body) for a GET, without raising on 4xx/5xx."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def production_env(directory, port, **overrides):
    """Environment for a DEBUG-off site whose database, static and media live in `directory`."""
    directory = Path(directory)
    return {
        **os.environ,
        "DEBUG": "False",
        "SECRET_KEY": "test-" + "k" * 50,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"sqlite:///{directory / 'db.sqlite3'}",
        "STATIC_ROOT": str(directory / "static"),
        "MEDIA_ROOT": str(directory / "media"),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "2",
        "HTTPS": "False",  # plain HTTP on loopback: no redirect, no Secure-only cookies
        "DJANGO_SETTINGS_MODULE": "opeiu_site.settings",  # the site's, not the suite's
        "LOAD_DEMO_FORCE": "True",  # demo accounts on a DEBUG-off site, on loopback
        **overrides,
    }


def _manage(env, command):
    # Output goes to a file, not a pipe: a full pipe would stall a command nobody reads yet.
    log = tempfile.TemporaryFile()  # noqa: SIM115 (closed in _finish)
    process = subprocess.Popen(
        [sys.executable, "manage.py", *command], cwd=ROOT, env=env, stdout=log, stderr=log
    )
    process.log = log
    return process


def _finish(process, command):
    process.wait(timeout=600)
    process.log.seek(0)
    output = process.log.read().decode(errors="replace")
    process.log.close()
    if process.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(command)} failed:\n{output}")


def manage(env, *commands):
    """Run manage.py commands in order; fail loudly with their output."""
    for command in commands:
        _finish(_manage(env, command), command)


def build_demo(env):
    """collectstatic (slow: it compresses every file) runs beside migrate + load_demo."""
    collectstatic = ["collectstatic", "--noinput"]
    static = _manage(env, collectstatic)
    try:
        manage(env, ["migrate", "--noinput"], ["load_demo"])
    finally:
        _finish(static, collectstatic)


class Gunicorn:
    """gunicorn serving the site with `env`; `stop()` returns everything it logged."""

    def __init__(self, env, port):
        self.base_url = f"http://127.0.0.1:{port}"
        # The access log goes to a file: a pipe read only at stop() fills up after a few
        # hundred requests (an admin page loads dozens of assets) and gunicorn then hangs.
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(
            [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py"],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def wait_until_healthy(self, seconds=30):
        deadline = time.monotonic() + seconds
        while True:
            try:
                if http_get(self.base_url + "/healthz", timeout=2)[0] == 200:
                    return
            except OSError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                output = self.stop()
                raise RuntimeError(f"gunicorn did not answer within {seconds} s:\n{output}")
            time.sleep(0.2)

    def stop(self):
        if self.process.returncode is None:
            self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.log.closed:
            return ""
        self.log.seek(0)
        output = self.log.read()
        self.log.close()
        return output.decode(errors="replace")


def start_demo_server(directory, **overrides):
    """Build the demo site in `directory` and serve it; the caller stops the server."""
    port = free_port()
    env = production_env(directory, port, **overrides)
    build_demo(env)
    server = Gunicorn(env, port)
    server.wait_until_healthy()
    return server
