"""Soak harness: members read pages and sign up while a gunicorn worker is SIGKILLed and
PostgreSQL restarts. Loopback only; stops by itself after `duration` seconds.

It runs against a PRIVATE PostgreSQL cluster started in a temporary folder (initdb + pg_ctl on
a free port), never the shared one, so restarting it disturbs nobody.

The POST target is configurable (SOAK_FORM_PATH, or the first live Wagtail form page found):
the harness GETs the form, posts its fields with a unique marker per sign-up, counts a 2xx/3xx
answer as acknowledged, and afterwards checks that every acknowledged marker is stored
(SOAK_STORED_SQL: a query returning the stored submissions as text).

Forms with spam defences (actions.spam) are filled like a person's browser does: the honeypot
stays empty, and the signed "form started" stamp is one the server issued at least the minimum
time-to-submit earlier (one GET before the soak, one wait, then reused: a stamp says when a
form was shown, and it stays valid for a day). The rate limit per address is raised for the
soak (ACTIONS_RATE_LIMIT_COUNT), since every member comes from 127.0.0.1.
"""

import http.cookiejar
import os
import random
import re
import shutil
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from tests.servers import free_port, production_env

PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
DEFAULT_STORED_SQL = "SELECT form_data::text FROM wagtailforms_formsubmission"


def _as_postgres(command):
    """initdb/pg_ctl refuse to run as root: run them as the postgres user then."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


class PrivatePostgres:
    """A throwaway PostgreSQL cluster on 127.0.0.1:<free port>, restartable at will."""

    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="opeiu-soak-pg-"))
        self.port = free_port()
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
        self.data = self.dir / "data"
        self.options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        subprocess.run(
            _as_postgres([str(PG_BIN / "initdb"), "-D", str(self.data), "-A", "trust",
                          "-U", "postgres", "--no-sync"]),
            check=True, capture_output=True,
        )  # fmt: skip
        self._pg_ctl("start")
        subprocess.run(
            [str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
             "opeiu_soak"],
            check=True,
        )  # fmt: skip
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/opeiu_soak"

    def _pg_ctl(self, action, *extra):
        subprocess.run(
            _as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-o", self.options,
                          "-l", str(self.dir / "log"), "-w", "-t", "30", *extra, action]),
            check=True, capture_output=True,
        )  # fmt: skip

    def restart(self):
        self._pg_ctl("restart", "-m", "fast")

    def query(self, sql):
        result = subprocess.run(
            ["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d",
             "opeiu_soak", "-At", "-c", sql],
            check=True, capture_output=True, text=True,
        )  # fmt: skip
        return result.stdout

    def stop(self):
        try:
            self._pg_ctl("stop", "-m", "immediate")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


def site_env(directory, database_url):
    """The DEBUG-off site (static files in `directory`) on `database_url`, set up for the soak;
    tests/servers.Gunicorn serves it."""
    return production_env(
        directory,
        SECRET_KEY="soak-" + "k" * 50,
        DATABASE_URL=database_url,
        CACHE_URL="locmemcache://",
        PAGE_CACHE_ENABLED="False",  # every read goes to the database
        ACTIONS_RATE_LIMIT_COUNT="1000000",  # every member signs up from 127.0.0.1
        # A start stamp works once: each member sends its own form's stamp at once.
        ACTIONS_MIN_SUBMIT_SECONDS="0",
        GUNICORN_TIMEOUT="20",
        GUNICORN_ACCESSLOG="/dev/null",
    )


@dataclass
class Tally:
    requests: int = 0
    failures: list = field(default_factory=list)
    acknowledged: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, ok, what):
        with self.lock:
            self.requests += 1
            if not ok:
                self.failures.append(what)


def _open(opener, url, data=None):
    try:
        with opener.open(url, data=data, timeout=15) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except OSError as error:
        return None, str(error)


_INPUT = re.compile(r'<input[^>]*name="([^"]+)"[^>]*>', re.IGNORECASE)
_VALUE = re.compile(r'value="([^"]*)"')


@dataclass(frozen=True)
class SpamDefences:
    """Names of a form's spam-defence fields (actions.spam) and its minimum time to submit."""

    honeypot: str = ""
    started: str = ""
    min_seconds: float = 0.0


def sign_up(base, form_path, marker, tally, defences=SpamDefences(), started=None):
    """One member: GET the form (CSRF cookie + token), POST it with a unique marker."""
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    status, html = _open(opener, base + form_path)
    tally.record(status == 200, f"GET {form_path}: {status}")
    if status != 200:
        return
    data = {}
    for tag in _INPUT.finditer(html):
        name = tag.group(1)
        value = _VALUE.search(tag.group(0))
        if name == defences.honeypot:
            data[name] = ""  # people never see it
        elif name == defences.started and started:
            data[name] = started
        elif name == "csrfmiddlewaretoken" or 'type="hidden"' in tag.group(0):
            data[name] = value.group(1) if value else ""
        elif "checkbox" in tag.group(0):
            data[name] = "on"
        elif "email" in name:
            data[name] = f"{marker}@example.org"
        else:
            data[name] = marker
    for name in re.findall(r'<textarea[^>]*name="([^"]+)"', html):
        data[name] = marker
    status, html = _open(opener, base + form_path, urllib.parse.urlencode(data).encode())
    # A form shown again (with errors) is not an acknowledgement: only a page without the
    # form (the thank-you page) tells the member the sign-up was taken.
    ok = status is not None and status < 400 and "csrfmiddlewaretoken" not in html
    tally.record(ok, f"POST {form_path}: {status}{' (form shown again)' if status == 200 else ''}")
    if ok:
        with tally.lock:
            tally.acknowledged.append(marker)


def soak(
    base, read_paths, form_path, duration, faults, tally, readers=3, members=2,
    defences=SpamDefences(),
):  # fmt: skip
    """Drive readers and members until `duration`, firing each (at_second, action) fault."""
    started = None  # stamps work once: each member posts the stamp of the form it opened
    stop_at = time.monotonic() + duration
    counter = iter(range(10**9))

    def reader():
        opener = urllib.request.build_opener()
        while time.monotonic() < stop_at:
            path = random.choice(read_paths)
            status, _ = _open(opener, base + path)
            tally.record(status == 200, f"GET {path}: {status}")

    def member():
        while time.monotonic() < stop_at:
            marker = f"soak{next(counter)}x{random.randrange(10**6)}"
            sign_up(base, form_path, marker, tally, defences, started)

    threads = [threading.Thread(target=reader) for _ in range(readers)]
    if form_path:
        threads += [threading.Thread(target=member) for _ in range(members)]
    for thread in threads:
        thread.start()
    began = time.monotonic()
    for at_second, action in sorted(faults, key=lambda fault: fault[0]):
        time.sleep(max(0.0, began + at_second - time.monotonic()))
        action()
    for thread in threads:
        thread.join()
