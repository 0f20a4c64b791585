"""A signed-in member sees their registrations in My union (upcoming, status, cancel link), and
their personal calendar feed adds what they registered for in another local: the public feed's
UIDs, no entry twice, read by icalendar and by Thunderbird's ical.js."""

import json
import subprocess
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from icalendar import Calendar

from events import ical
from members.models import Membership, PersonalFeed
from registrations import services
from tests.events.factories import EventIndexPageFactory, EventPageFactory, publish

from .conftest import open_event

pytestmark = pytest.mark.clock  # the events are dated from today

ICALJS = Path(__file__).resolve().parent.parent / "events" / "icaljs_expand.mjs"


def test_my_union_and_the_personal_feed_list_my_registrations(
    client, world, event, series, node_modules
):
    tree = world[0]
    buffalo = publish(EventIndexPageFactory(parent=tree.local212, slug="events-212"))
    rally = publish(
        EventPageFactory(parent=buffalo, title="Buffalo rally", slug="rally",
                         start_date=event.start_date)
    )  # fmt: skip
    member = get_user_model().objects.create_user(
        "mae", "mae@example.org", first_name="Mae", last_name="Jones"
    )
    member.groups.add(tree.local12.access.members)
    Membership.objects.create(user=member, local=tree.local12, source="verified")

    services.register(open_event(event).pk, name="Mae", email="mae@example.org", user=member)
    date = series.dates(event.start_date)[-1]  # a Tuesday before the Strike School
    full = open_event(series, date=date, capacity=0)
    services.register(full.pk, name="Mae", email="mae@example.org", user=member)  # waitlisted
    # Registered in another local, before signing in: found by the email.
    services.register(open_event(rally).pk, name="Mae J", email="MAE@example.org")
    gone = open_event(
        publish(EventPageFactory(parent=buffalo, title="Gone", start_date=event.start_date))
    )
    services.cancel(services.register(gone.pk, name="Mae", email="mae@example.org")[0].pk)

    client.force_login(member)
    html = client.get("/my-union/").content.decode()
    section = html[html.index("Your registrations") :]
    assert "Strike School" in section and "Buffalo rally" in section
    assert "Picket captains" in section and "on the waitlist" in section
    assert "Gone" not in section
    assert section.count("/register/cancel/") == 3

    token = PersonalFeed.objects.get(user=member).token
    client.logout()
    body = client.get(reverse("members:feed", args=[token])).content
    uids = [str(e["UID"]) for e in Calendar.from_ical(body).walk("VEVENT")
            if "RECURRENCE-ID" not in e]  # fmt: skip
    for entry in (event, series, rally):
        assert uids.count(ical.uid(entry)) == 1, entry
    found = subprocess.run(
        ["node", str(ICALJS), ical.uid(rally), "2099-01-01"],
        input=body.decode(), capture_output=True, text=True, cwd=node_modules.parent,
        check=True, timeout=60,
    )  # fmt: skip
    [occurrence] = json.loads(found.stdout)
    assert occurrence["tzid"] == "America/Chicago"
    assert occurrence["utc"] == int(rally.starts_at.timestamp())
