"""With Redis, a purge made by another process (another gunicorn worker, a management command)
is seen by this one on its next request, and only for the tags it names."""

import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.test import override_settings

from opeiu_site.ops import invalidation, page_cache

from .cache_sections import build_sections

pytestmark = pytest.mark.clock  # reads today's date (tests/clock.py)

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = "redis://127.0.0.1:6379/0"


def _redis_running():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


def _purge_in_another_process(env, namespace, tags):
    code = (
        "from django.conf import settings; "
        f"settings.PAGE_CACHE_NAMESPACE = {namespace!r}; "
        "from opeiu_site.ops.purge import purge; "
        f"purge({sorted(tags)!r})"
    )
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=60,
        capture_output=True,
    )


@pytest.mark.slow
def test_a_purge_in_another_process_reaches_this_one(client, home, page_cache_on):
    from tests.conftest import require_tool

    require_tool(_redis_running(), "Redis on 127.0.0.1:6379")
    # A prefix of our own: the keys never meet other runs', and nothing is flushed.
    prefix = f"test-cache-{uuid.uuid4().hex}"
    redis_cache = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
            "TIMEOUT": 120,
        }
    }
    with override_settings(CACHES=redis_cache):
        sections = build_sections(home)
        local212 = sections.tree.local212_page
        urls = (local212.url, *sections.unrelated_urls)
        for url in urls:
            assert client.get(url)[page_cache.HIT_HEADER] == "MISS", url
            assert client.get(url)[page_cache.HIT_HEADER] == "HIT", url

        # What publishing Local 212's page purges, purged by another process through Redis.
        env = {**os.environ, "CACHE_URL": REDIS_URL, "CACHE_KEY_PREFIX": prefix}
        _purge_in_another_process(
            env, page_cache_on.PAGE_CACHE_NAMESPACE, invalidation.tags_for_pages([local212])
        )

        assert client.get(local212.url)[page_cache.HIT_HEADER] == "MISS"
        for url in sections.unrelated_urls:
            assert client.get(url)[page_cache.HIT_HEADER] == "HIT", url


@pytest.mark.slow
def test_a_hit_is_one_redis_round_trip(client, home, page_cache_on, monkeypatch):
    """A hit fetches the page and its tags' stamps in one command (what makes it cost close
    to a static file), through one reused Redis client; a purge is still seen at once."""
    import redis

    from tests.conftest import require_tool

    require_tool(_redis_running(), "Redis on 127.0.0.1:6379")
    prefix = f"test-cache-{uuid.uuid4().hex}"
    redis_cache = {
        "default": {
            "BACKEND": "opeiu_site.ops.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
            "TIMEOUT": 120,
        }
    }
    commands = []
    clients = set()
    execute = redis.Redis.execute_command

    def counting(self, *args, **options):
        commands.append(args[0])
        clients.add(id(self))
        return execute(self, *args, **options)

    with override_settings(CACHES=redis_cache):
        local212 = build_sections(home).tree.local212_page
        url = local212.url
        assert client.get(url)[page_cache.HIT_HEADER] == "MISS"
        assert client.get(url)[page_cache.HIT_HEADER] == "HIT"  # this worker learns its tags
        monkeypatch.setattr(redis.Redis, "execute_command", counting)
        for _ in range(3):
            assert client.get(url)[page_cache.HIT_HEADER] == "HIT"
        assert commands == ["MGET"] * 3
        assert len(clients) == 1
        monkeypatch.undo()

        from opeiu_site.ops.purge import purge_now

        purge_now(invalidation.tags_for_pages([local212]))
        assert client.get(url)[page_cache.HIT_HEADER] == "MISS"
        assert client.get(url)[page_cache.HIT_HEADER] == "HIT"
