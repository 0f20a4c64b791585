import pytest

from .factories import EventIndexPageFactory


@pytest.fixture
def calendar(home):
    return EventIndexPageFactory(parent=home, slug="events", title="Events")


@pytest.fixture
def editor(client, django_user_model):
    """The test client, logged in as a superuser (the page editor's forms)."""
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(user)
    return client
