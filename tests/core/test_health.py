import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_healthz_is_200_with_a_database_round_trip(client, db, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]


def test_healthz_is_503_when_the_database_is_down():
    # A real, unreachable PostgreSQL server: nothing listens on port 1.
    script = (
        "import django; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/healthz');"
        "print(r.status_code, r.content.decode().strip())"
    )
    env = {
        **os.environ,
        "DATABASE_URL": "postgres://postgres@127.0.0.1:1/nowhere?connect_timeout=2",
        "DJANGO_SETTINGS_MODULE": "opeiu_site.settings",
    }
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "503 database unavailable"


# Docker's HEALTHCHECK asks http://127.0.0.1:8000/healthz; production's ALLOWED_HOSTS names
# only the site's own domains.
PROBE_HOST = "127.0.0.1:8000"


@pytest.mark.parametrize("https", [True, False])
def test_healthz_answers_the_local_probe_that_allowed_hosts_refuses(client, db, settings, https):
    settings.ALLOWED_HOSTS = ["union.example.org"]
    settings.SECURE_SSL_REDIRECT = https
    for method in (client.get, client.head):
        response = method("/healthz", HTTP_HOST=PROBE_HOST)
        assert response.status_code == 200
        assert "no-cache" in response["Cache-Control"]
    assert client.get("/healthz", HTTP_HOST=PROBE_HOST).content == b"ok\n"
    # Only the health check: the host check still refuses everything else from that Host.
    assert client.get("/", HTTP_HOST=PROBE_HOST).status_code == 400
    assert client.get("/healthz/", HTTP_HOST=PROBE_HOST).status_code == 400
    assert client.get("/admin/login/", HTTP_HOST=PROBE_HOST).status_code == 400
    assert client.post("/healthz", HTTP_HOST=PROBE_HOST).status_code == 400
    assert client.get("/healthz", HTTP_HOST="union.example.org").status_code == 200


def test_healthz_answers_the_docker_probe_with_the_production_settings(tmp_path):
    """The real settings module with DEBUG off and HTTPS on, as the image runs it."""
    script = (
        "import django; django.setup();"
        "from django.test import Client;"
        "c = Client();"
        f"print(*(c.get(p, HTTP_HOST={PROBE_HOST!r}).status_code for p in ('/healthz', '/')))"
    )
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DEBUG", "LOAD_DEMO_FORCE")},
        "DJANGO_SETTINGS_MODULE": "opeiu_site.settings",
        "DEBUG": "False",
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "union.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "HTTPS": "True",
    }
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["200", "400"], result.stderr
