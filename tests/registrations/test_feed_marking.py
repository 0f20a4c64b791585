"""An entry that takes registrations here says so in its feeds (DESCRIPTION: "Registration
required" with the form's address) and in its JSON-LD (an Offer whose url is the form and whose
availability follows the places: InStock, then SoldOut when full)."""

import json
import re

import pytest
from icalendar import Calendar

from registrations import services

from .conftest import open_event

pytestmark = pytest.mark.clock  # the event is dated from today


def descriptions(body):
    return [str(e["DESCRIPTION"]) for e in Calendar.from_ical(body).walk("VEVENT")]


def offers(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    found = []
    for block in blocks:
        data = json.loads(block)
        for item in data if isinstance(data, list) else [data]:
            if "offers" in item:
                found.append(item["offers"])
    return found


def test_feeds_and_json_ld_say_registration_required(client, world, event, series):
    calendar = world[1]
    before = descriptions(client.get(event.url + "calendar.ics").content)
    assert not [d for d in before if "Registration required" in d]

    row = open_event(event, capacity=1)
    form = f"http://testserver{event.url}#register"
    [text] = descriptions(client.get(event.url + "calendar.ics").content)
    assert f"Registration required: {form}" in text
    listing = descriptions(client.get(calendar.url + "calendar.ics").content)
    assert any(f"Registration required: {form}" in d for d in listing)
    [offer] = offers(client.get(event.url).content.decode())
    assert offer["url"] == form and offer["availability"] == "https://schema.org/InStock"
    assert offer["price"] == 0

    services.register(row.pk, name="Ana", email="ana@example.org")
    [offer] = offers(client.get(event.url).content.decode())
    assert offer["availability"] == "https://schema.org/SoldOut"

    first = series.dates(series.first_date.replace(year=series.first_date.year + 1))[1]
    open_event(series, date=first)
    master = descriptions(client.get(series.url + "calendar.ics").content)[0]
    assert f"Registration required for some dates: http://testserver{series.url}#register" in (
        master
    )
