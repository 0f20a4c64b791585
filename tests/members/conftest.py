import pytest

from tests.conftest import make_home
from tests.db import kept_data
from tests.locals.helpers import build_locals_tree


@pytest.fixture(scope="module")
def tree(django_db_setup, django_db_blocker):
    """The locals tree (tests/locals/helpers.py), built once for the module and rolled back after
    it. A module that needs more rows overrides `tree` with a module-scoped fixture that asks for
    this one and adds them (inside the same kept transaction)."""
    with kept_data(django_db_blocker):
        with django_db_blocker.unblock():
            built = build_locals_tree(make_home())
        yield built
