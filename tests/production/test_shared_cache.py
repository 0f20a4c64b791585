"""With Redis, an invalidation made by another process (another gunicorn worker, a management
command) is seen by this one on its next request."""

import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.cache import caches
from django.test import override_settings

from opeiu_site.ops import page_cache
from tests.factories import StandardPageFactory

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = "redis://127.0.0.1:6379/0"


def _redis_running():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


@pytest.mark.slow
def test_invalidation_in_another_process_reaches_this_one(client, home, page_cache_on):
    from tests.conftest import require_tool

    require_tool(_redis_running(), "Redis on 127.0.0.1:6379")
    prefix = f"test-{uuid.uuid4().hex}"
    redis_cache = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    with override_settings(CACHES=redis_cache):
        try:
            page = StandardPageFactory(parent=home, title="Strike update", slug="strike")
            page.save_revision().publish()
            assert client.get("/strike/")[page_cache.HIT_HEADER] == "MISS"
            assert client.get("/strike/")[page_cache.HIT_HEADER] == "HIT"

            env = {**os.environ, "CACHE_URL": REDIS_URL, "CACHE_KEY_PREFIX": prefix}
            subprocess.run(
                [
                    sys.executable,
                    "manage.py",
                    "shell",
                    "-c",
                    "from opeiu_site.ops.page_cache import bump_generation; bump_generation()",
                ],
                cwd=ROOT,
                env=env,
                check=True,
                timeout=60,
                capture_output=True,
            )
            assert client.get("/strike/")[page_cache.HIT_HEADER] == "MISS"
        finally:
            # Not clear(): that would flush the whole Redis database others use. The pages
            # expire by themselves (PAGE_CACHE_TIMEOUT).
            caches["default"].delete(page_cache.GENERATION_KEY)
