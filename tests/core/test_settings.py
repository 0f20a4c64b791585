"""DEBUG is off unless asked, and then the site refuses to start without its production
settings; load_demo refuses to create its published accounts on such a site unless forced."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "False",
    "SECRET_KEY": "x" * 50,
    "ALLOWED_HOSTS": "example.org",
    "DATABASE_URL": "sqlite:////tmp/opeiu-settings-test.sqlite3",
}


# The suite's own settings module and its defaults stay out of the started processes.
NOT_INHERITED = {*PRODUCTION, "DJANGO_SETTINGS_MODULE", "LOAD_DEMO_FORCE"}


def _start(env_overrides, missing=(), command=("check",)):
    env = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}
    env.update({k: v for k, v in env_overrides.items() if k not in missing})
    return subprocess.run(
        [sys.executable, "manage.py", *command], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_production_settings_start():
    result = _start(PRODUCTION)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("name", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
def test_refuses_to_start_without(name):
    result = _start(PRODUCTION, missing=[name])
    assert result.returncode != 0
    assert f"{name} must be set when DEBUG is off" in result.stderr


def test_debug_is_off_unless_asked():
    """With nothing set the site is a production site: it will not start on a known secret
    key and a debug page for every visitor."""
    result = _start({})
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr
    without_debug = {k: v for k, v in PRODUCTION.items() if k != "DEBUG"}
    shown = _start(
        without_debug,
        command=(
            "shell",
            "--no-imports",
            "-c",
            "from django.conf import settings; print(settings.DEBUG, settings.SERVE_MEDIA)",
        ),
    )
    assert shown.stdout.split() == ["False", "False"], shown.stderr


def test_postgresql_connections_run_without_jit():
    """JIT compiling cost seconds per search on PostgreSQL (settings.py): it is off for the
    site's connections, whatever else the URL's options say."""
    show = "from django.conf import settings; print(settings.DATABASES['default']['OPTIONS'])"
    url = "postgres://site@db.example:5432/opeiu?options=-c%20statement_timeout%3D5000"
    shown = _start(
        {**PRODUCTION, "DATABASE_URL": url}, command=("shell", "--no-imports", "-c", show)
    )
    assert "'options': '-c statement_timeout=5000 -c jit=off'" in shown.stdout, shown.stderr


def test_development_defaults_start_on_sqlite():
    result = _start({"DEBUG": "True"})
    assert result.returncode == 0, result.stderr


def test_load_demo_refuses_with_debug_off_unless_forced(tmp_path):
    env = {**PRODUCTION, "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}"}
    migrated = _start(env, command=("migrate", "--noinput"))
    assert migrated.returncode == 0, migrated.stderr
    refused = _start(env, command=("load_demo",))
    assert refused.returncode != 0
    assert "DEBUG is off" in refused.stderr and "--force" in refused.stderr
    assert "opeiu-demo-admin" not in refused.stdout
    forced = _start({**env, "LOAD_DEMO_FORCE": "True"}, command=("load_demo",))
    assert forced.returncode == 0, forced.stderr
    assert "admin" in forced.stdout and "opeiu-demo-admin" in forced.stdout
