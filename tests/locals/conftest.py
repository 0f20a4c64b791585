import pytest

from .helpers import build_locals_tree


@pytest.fixture
def tree(home):
    """Local 12 and Local 212 under "Find your local", each with a page, plus an
    International page; every local provisioned by its creation."""
    return build_locals_tree(home)
