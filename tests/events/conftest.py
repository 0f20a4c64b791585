import pytest

from .factories import EventIndexPageFactory


@pytest.fixture
def calendar(home):
    return EventIndexPageFactory(parent=home, slug="events", title="Events")


@pytest.fixture
def editor(admin_client):
    """A client logged in as a superuser (the page editor's forms): pytest-django's."""
    return admin_client
