"""A signed-in member of the event's local registers with one button (their account's name and
email, no form); pressing it again changes nothing and says so; the page then shows their
registration with its cancel link. Someone else gets the form."""

import pytest
from django.contrib.auth import get_user_model

from registrations.models import Registration

from .conftest import open_event

pytestmark = pytest.mark.clock  # the event is dated from today


def test_a_member_registers_with_one_click_and_twice_is_a_no_op(client, world, event):
    tree = world[0]
    row = open_event(event, capacity=5, members_only=True)
    users = get_user_model().objects
    member = users.create_user("mae", "mae@example.org", first_name="Mae", last_name="Jones")
    member.groups.add(tree.local12.access.members)
    client.force_login(member)

    page = client.get(event.url).content.decode()
    assert "Register (as Mae Jones, mae@example.org)</button>" in page
    done = client.post("/register/", {"settings": row.pk, "as_member": "1"})
    assert "You are registered" in done.content.decode()
    registration = Registration.objects.get(settings=row)
    assert (registration.name, registration.email, registration.user) == (
        "Mae Jones", "mae@example.org", member,
    )  # fmt: skip

    again = client.post("/register/", {"settings": row.pk, "as_member": "1"}).content.decode()
    assert "You had already registered with mae@example.org: nothing changed" in again
    assert row.registrations.count() == 1
    page = client.get(event.url).content.decode()
    assert "You are registered as mae@example.org." in page
    assert "/register/cancel/" in page
    assert "(as Mae Jones, mae@example.org)</button>" not in page  # nothing left to press

    # Another local's member gets no button, and the members-only door stays shut.
    outsider = users.create_user("ray", "ray@example.org", first_name="Ray")
    outsider.groups.add(tree.local212.access.members)
    client.force_login(outsider)
    assert "(as Ray" not in client.get(event.url).content.decode()
    assert client.post("/register/", {"settings": row.pk, "as_member": "1"}).status_code == 403

    # On an open event a non-member's "as_member" is just the form: its fields are required.
    row.members_only = False
    row.save()
    response = client.post("/register/", {"settings": row.pk, "as_member": "1"})
    assert response.status_code == 400
    assert row.registrations.count() == 1
