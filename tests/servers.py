"""Servers for the tests and the benchmark, run as child processes on loopback.

`Server` is the one launcher: a process on 127.0.0.1 (a free port unless given) that `start()`
launches and polls until it answers, and `stop()` terminates (killing it after a timeout),
returning what it printed. `Gunicorn` serves the site the way production does (the shipped
gunicorn.conf.py) or any WSGI app; tests/varnish.py puts varnishd in front of it.

`production_env` and `build_demo` make a DEBUG-off demo site in a folder (collectstatic,
migrate and load_demo into a SQLite file there, unless DATABASE_URL is overridden);
`start_demo_server` does both and serves it. Used by the production and browser tests,
tests/production/soak.py and the benchmark (bench/run.py, bench/servers.py).
"""

import fcntl
import http.client
import os
import random
import shutil
import signal
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


def terminate(process, seconds=30):
    """SIGTERM `process` (if it runs), SIGKILL it if it has not exited after `seconds`."""
    if process is not None and process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class Server:
    """A server process listening on 127.0.0.1:`port`; subclasses say what `command()` runs.

    `start()` launches it and polls `ready_path` until it answers 200 (any HTTP answer with
    `any_answer`); it fails with the server's output if the process dies or the time runs out.
    `stop()` (safe to call twice) terminates it, kills it if it has not exited in time, and
    returns its output. That output goes to a temporary file, not a pipe: a pipe read only at
    the end fills up after a few hundred requests and the server then hangs. `log=sys.stderr`
    streams it there instead (the benchmark does, to show errors as they happen). As a context
    manager, a server is started on entry and stopped on exit.
    """

    name = "server"
    ready_path = "/healthz"
    any_answer = False

    def __init__(self, port=None, *, env=None, cwd=ROOT, log=None):
        self.port = port or free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.env = env
        self.cwd = cwd
        self.log = log
        self.process = None
        self._output = None

    def command(self):
        raise NotImplementedError

    def start(self, seconds=60):
        self._output = None if self.log else tempfile.TemporaryFile()  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(
            self.command(),
            cwd=self.cwd,
            env=self.env,
            stdout=self.log or self._output,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + seconds
        while not self._answers():
            if self.process.poll() is not None or time.monotonic() > deadline:
                output = self.stop() or "(its output is above)"
                raise RuntimeError(
                    f"{self.name} on port {self.port} did not answer {self.ready_path} "
                    f"within {seconds} s:\n{output}"
                )
            time.sleep(0.2)
        return self

    def _answers(self):
        try:
            status = http_get(self.base_url + self.ready_path, timeout=5)[0]
        except (OSError, http.client.HTTPException):
            return False
        return self.any_answer or status == 200

    def stop(self, seconds=30):
        terminate(self.process, seconds)
        if self._output is None or self._output.closed:
            return ""
        self._output.seek(0)
        output = self._output.read().decode(errors="replace")
        self._output.close()
        return output

    def __enter__(self):
        return self if self.process is not None else self.start()

    def __exit__(self, *exc):
        self.stop()


class Gunicorn(Server):
    """gunicorn serving the site as production runs it: `gunicorn -c gunicorn.conf.py` with the
    settings in `env`, bound to this server's port, `args` added to the command line. With
    `app` (a WSGI "module:callable" importable from `cwd`), that app instead, with only
    `--bind` and `args`, ready when "/" answers at all (the benchmark's `wagtail start`)."""

    name = "gunicorn"

    def __init__(self, env, port=None, *, args=(), app=None, cwd=ROOT, log=None):
        super().__init__(port, env=env, cwd=cwd, log=log)
        self.args = list(args)
        self.app = app
        if app is None:
            self.env = {**env, "GUNICORN_BIND": f"127.0.0.1:{self.port}"}
        else:
            self.ready_path, self.any_answer = "/", True

    def command(self):
        gunicorn = str(BIN / "gunicorn")
        if self.app is None:
            return [gunicorn, "-c", "gunicorn.conf.py", *self.args]
        return [gunicorn, self.app, "--bind", f"127.0.0.1:{self.port}", *self.args]

    def workers(self):
        """The worker processes' ids (the master's children), Linux only."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def kill_a_worker(self):
        """SIGKILL one worker, at random (the master should replace it); returns its id."""
        victim = random.choice(self.workers())
        os.kill(victim, signal.SIGKILL)
        return victim


def production_env(directory, **overrides):
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


def copy_demo_build(env, template):
    """The demo site of `env` (a `production_env`) as a copy of the one built in `template`:
    the first caller of the run builds it there (migrate, load_demo, collectstatic), under a
    lock that the other xdist workers wait on, and every caller gets its own copy of the
    database, static and media files (a copy takes a second; a build a minute)."""
    if not env["DATABASE_URL"].startswith("sqlite:///"):
        build_demo(env)  # a server database: built in place
        return
    template = Path(template)
    template.mkdir(parents=True, exist_ok=True)
    with open(template / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (template / ".built").exists():
            build_demo(production_env(template))
            (template / ".built").touch()
    database = env["DATABASE_URL"].removeprefix("sqlite:///")
    shutil.copyfile(template / "db.sqlite3", database)
    for name, variable in (("static", "STATIC_ROOT"), ("media", "MEDIA_ROOT")):
        if (template / name).exists():
            shutil.copytree(template / name, env[variable], dirs_exist_ok=True)


def start_demo_server(directory, *, template=None, **overrides):
    """Build the demo site in `directory` (a copy of `template`'s, when given) and serve it;
    the caller stops the server."""
    env = production_env(directory, **overrides)
    if template is None:
        build_demo(env)
    else:
        copy_demo_build(env, template)
    return Gunicorn(env).start()
