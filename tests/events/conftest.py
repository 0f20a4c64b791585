import pytest

from .factories import EventIndexPageFactory


@pytest.fixture
def calendar(home):
    return EventIndexPageFactory(parent=home, slug="events", title="Events")
