"""Data built once for many tests: the way Django's `setUpTestData` works, for pytest.

`kept_data(django_db_blocker)` opens a transaction that stays open while the module's tests
run and is rolled back after them: what the module-scoped fixture builds inside it is there for
every test of the module, each test still runs in a savepoint of its own (pytest-django's `db`
rolls its changes back), and nothing is left for the next module. Only for tests that use `db`
(not `transactional_db` or a live server, which would flush or commit the shared data).

    @pytest.fixture(scope="module")
    def tree(django_db_blocker):
        with kept_data(django_db_blocker):
            yield build_the_tree()
"""

from contextlib import contextmanager

from django.core.management import call_command
from django.db import transaction
from django.test import override_settings


@contextmanager
def kept_data(django_db_blocker):
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@contextmanager
def demo_loaded(django_db_blocker, media_root):
    """The demo content (`manage.py load_demo`), loaded once with its images in `media_root`."""
    with override_settings(MEDIA_ROOT=str(media_root)), kept_data(django_db_blocker):
        with django_db_blocker.unblock():
            call_command("load_demo", verbosity=0)
        yield
