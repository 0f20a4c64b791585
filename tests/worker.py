"""The real task worker (`manage.py db_worker`, as `make run` and compose start it) for tests.

    def test_something(task_worker, ...):          # fixtures in tests/conftest.py
        worker = task_worker(CONTRACTS_PDF_MAX_SECONDS="2")   # started; stopped at teardown
        ... save something that enqueues a task (on commit: the test is transactional) ...
        wait_until(lambda: Row.objects.get(...).status != "pending", seconds=30, worker=worker)

The worker is a child process on the test's own database: on PostgreSQL the test database
itself (the test is transactional, so the worker sees what the test committed); on the
suite's in-memory SQLite, a copy of it in a file that the test's connection switches to for the
test (`shared_database`), so the ORM in the test and the worker read and write the same rows.
Its settings are production's (tests.servers.production_env) with TASKS_WORKER on and the
test's MEDIA_ROOT, so it reads the files the test saved. Nothing here knows about any task:
issue 25's email sending starts it the same way.
"""

import sqlite3
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager

from django.db import connection

from tests.servers import ROOT, production_env, terminate

READY_LINE = b"Starting worker"


class TaskWorker:
    """`manage.py db_worker --backend worker` in `env`; `start()` waits until it polls the
    queue, `stop()` (safe twice) sends SIGTERM (it finishes its task and exits), kills it
    after `seconds`, and returns what it printed (also `output()` while it runs); `kill()`
    stops it dead mid-task (start another with the fixture to see what a restart does)."""

    def __init__(self, env, *, interval=0.1):
        self.env = env
        self.interval = interval
        self.process = None
        self._log = None

    def command(self):
        return [
            sys.executable, "manage.py", "db_worker", "--backend", "worker", "--queue-name", "*",
            "--interval", str(self.interval), "--no-startup-delay", "--no-reload", "-v", "1",
        ]  # fmt: skip

    def start(self, seconds=60):
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(
            self.command(), cwd=ROOT, env=self.env, stdout=self._log, stderr=subprocess.STDOUT
        )
        wait_until(
            lambda: READY_LINE in self._read() or self.process.poll() is not None,
            seconds,
            "the worker to start",
            worker=self,
        )
        if self.process.poll() is not None:
            raise RuntimeError(f"the task worker exited:\n{self.stop()}")
        return self

    def _read(self):
        self._log.seek(0)
        return self._log.read()

    def output(self):
        return self._read().decode(errors="replace") if self._log and not self._log.closed else ""

    def kill(self):
        """SIGKILL, as a crash or an out-of-memory kill would: no task is finished."""
        self.process.kill()
        self.process.wait()

    def stop(self, seconds=30):
        terminate(self.process, seconds)
        output = self.output()
        if self._log is not None:
            self._log.close()
        return output


def wait_until(condition, seconds, what="the condition", worker=None):
    """Poll `condition` until true; fail after `seconds` (with the worker's output)."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            output = f"\nworker output:\n{worker.output()}" if worker else ""
            raise AssertionError(f"timed out after {seconds} s waiting for {what}{output}")
        time.sleep(0.05)


def worker_env(directory, database_url, media_root, **overrides):
    """Production settings for the worker on `database_url`, reading files in `media_root`."""
    return production_env(
        directory,
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(media_root),
        TASKS_WORKER="True",
        CONN_MAX_AGE="0",
        **overrides,
    )


@contextmanager
def shared_database(directory):
    """A DATABASE_URL for child processes naming the database this test's connection uses.
    Needs a transactional test (the children see committed rows only)."""
    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        yield (
            f"postgres://{settings['USER']}:{settings['PASSWORD'] or ''}@"
            f"{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/{settings['NAME']}"
        )
        return
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        yield f"sqlite:///{settings['NAME']}"
        return
    # The suite's in-memory SQLite: copy it (migrated, with what the test made so far) to a
    # file and point this connection there; the in-memory one is kept open, to come back to.
    path = directory / "shared.sqlite3"
    connection.ensure_connection()
    memory, name = connection.connection, settings["NAME"]
    target = sqlite3.connect(path)
    memory.backup(target)
    target.close()
    connection.connection = None
    settings["NAME"] = str(path)
    try:
        yield f"sqlite:///{path}"
    finally:
        connection.close()
        settings["NAME"] = name
        connection.connection = memory
