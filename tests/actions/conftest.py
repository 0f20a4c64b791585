import itertools
import time

import pytest
from django.core.cache import cache

from actions import spam
from tests.actions.factories import petition


@pytest.fixture(autouse=True)
def fresh_cache():
    """The rate limiter lives in the cache: every test starts with a clean allowance."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def petition_page(home):
    return petition(home, slug="petition", goal=100, to_address="staff@example.org")


PEOPLE = itertools.count(1)


def signed(**fields):
    """A person's valid post: the form was shown 30 seconds ago and consent is ticked. Each
    call is another person (an address of their own: a petition counts an address once)."""
    data = {
        "first_name": "Rosa",
        "email": f"member{next(PEOPLE)}@example.org",
        "consent": "on",
        spam.HONEYPOT_FIELD: "",
        spam.STARTED_FIELD: spam.issue_started_token(now=time.time() - 30),
    }
    data.update(fields)
    return data
