"""Settings for the test suite: the site's own, with DEBUG's development defaults.

The site starts with DEBUG off unless asked (and then needs SECRET_KEY, ALLOWED_HOSTS and
DATABASE_URL); the suite runs with the development defaults (SQLite, no secrets) unless the
environment says otherwise. pytest-django still runs each test with DEBUG False, and tests that
start a server pass a complete production environment (tests/servers.py)."""

import os

os.environ.setdefault("DEBUG", "True")
# pytest-django runs tests with DEBUG False, where load_demo refuses unless forced; the demo
# tests load it on purpose (tests/core/test_settings.py checks the refusal without this).
os.environ.setdefault("LOAD_DEMO_FORCE", "True")
# Cached fragments are off unless a test turns them on (tests/production/test_fragment_cache.py),
# like the page cache: content tests change rows directly and count queries. Run a suite with
# FRAGMENT_CACHE_ENABLED=True to check that nothing it reads goes stale.
os.environ.setdefault("FRAGMENT_CACHE_ENABLED", "False")

# Tasks run at once in the test process (opeiu_site/core/tasks.py); tests of the real worker
# process start it against a database it shares with the test (tests/worker.py).
os.environ.setdefault("TASKS_WORKER", "False")

from opeiu_site.settings import *  # noqa: E402, F403

# Tests only: the fast hasher (PBKDF2's hundreds of thousands of rounds cost every login and
# every user a factory creates); the site's own hashers are tested by the production tests,
# which start the site with its real settings.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
