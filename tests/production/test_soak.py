"""Faults under load (see soak.py): a gunicorn worker SIGKILLed and PostgreSQL restarted while
members read pages and sign up. Fewer than 1 % of requests fail and every acknowledged sign-up
is stored. Runs on a private PostgreSQL cluster in a temp folder; about a minute."""

import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import require_tool
from tests.servers import ROOT, Gunicorn, build_demo

from .soak import (
    DEFAULT_STORED_SQL,
    PG_BIN,
    PrivatePostgres,
    SpamDefences,
    Tally,
    site_env,
    soak,
)

FIND_FORM = (
    "from wagtail.contrib.forms.models import FormMixin\n"
    "from wagtail.models import Page\n"
    "pages = [p for p in Page.objects.live().public().specific() if isinstance(p, FormMixin)]\n"
    # A petition is what a burst of sign-ups looks like (and its fields are all text).
    "pages.sort(key=lambda p: getattr(p, 'kind', '') != 'petition')\n"
    "print(pages[0].url if pages else '')\n"
)
# The form's spam defences, if the site has them (the actions app): names and minimum time.
FIND_DEFENCES = (
    "try:\n"
    "    from actions import spam\n"
    "except ImportError:\n"
    "    print('')\n"
    "else:\n"
    "    print(spam.HONEYPOT_FIELD, spam.STARTED_FIELD, spam.min_seconds())\n"
)
FIND_READS = (
    "from wagtail.models import Page\n"
    "print(' '.join(p.url for p in Page.objects.live().public().exclude(depth=1)[:8]))\n"
)


def _shell(env, code):
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-v0", "-c", code],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip


@pytest.mark.slow
def test_signups_survive_a_killed_worker_and_a_database_restart(tmp_path):
    require_tool((PG_BIN / "initdb").exists() and shutil.which("psql"), "PostgreSQL 15 binaries")
    database = PrivatePostgres()
    env = site_env(tmp_path, database.url)
    server = None
    try:
        build_demo(env)
        form_path = os.environ.get("SOAK_FORM_PATH") or _shell(env, FIND_FORM) or None
        read_paths = _shell(env, FIND_READS).split() + ["/"]
        defences = _shell(env, FIND_DEFENCES).split()
        defences = SpamDefences(defences[0], defences[1], float(defences[2])) if defences else None
        server = Gunicorn(env).start()
        tally = Tally()
        soak(
            server.base_url,
            read_paths,
            form_path,
            duration=float(os.environ.get("SOAK_SECONDS", "30")),
            faults=[(6, server.kill_a_worker), (14, database.restart)],
            tally=tally,
            defences=defences or SpamDefences(),
        )
        assert tally.requests > 100, "the soak should have sent a real load"
        failure_rate = len(tally.failures) / tally.requests
        assert failure_rate < 0.01, (
            f"{len(tally.failures)} of {tally.requests} requests failed: {tally.failures[:5]}"
        )
        assert len(server.workers()) == 2, "gunicorn should have replaced the killed worker"
        if form_path:
            stored = database.query(os.environ.get("SOAK_STORED_SQL", DEFAULT_STORED_SQL))
            lost = [marker for marker in tally.acknowledged if marker not in stored]
            assert tally.acknowledged, "no sign-up was acknowledged"
            assert not lost, f"{len(lost)} acknowledged sign-ups are not in the database"
        print(
            f"soak: {tally.requests} requests, {len(tally.failures)} failed, "
            f"{len(tally.acknowledged)} sign-ups acknowledged"
            + ("" if form_path else " (no form page in this site: reads only)")
        )
    finally:
        if server is not None:
            server.stop()
        database.stop()
