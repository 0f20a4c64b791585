"""With DEBUG off the site refuses to start without its production settings."""

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


def _start(env_overrides, missing=()):
    env = {k: v for k, v in os.environ.items() if k not in PRODUCTION}
    env.update({k: v for k, v in env_overrides.items() if k not in missing})
    return subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_production_settings_start():
    result = _start(PRODUCTION)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("name", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
def test_refuses_to_start_without(name):
    result = _start(PRODUCTION, missing=[name])
    assert result.returncode != 0
    assert f"{name} must be set when DEBUG is off" in result.stderr


def test_development_defaults_start_on_sqlite():
    result = _start({})
    assert result.returncode == 0, result.stderr
