"""Factories for the locals directory and local pages."""

import factory
import wagtail_factories

from locals.models import LocalIndexPage, LocalPage
from tests.bulk import bulk_pages


class LocalIndexPageFactory(wagtail_factories.PageFactory):
    title = "Find your local"
    slug = "locals"
    show_in_menus = True

    class Meta:
        model = LocalIndexPage


class LocalPageFactory(wagtail_factories.PageFactory):
    number = factory.Sequence(lambda n: 1000 + n)
    kind = "local"
    title = factory.LazyAttribute(lambda o: f"OPEIU {o.kind.title()} {o.number}")
    slug = factory.LazyAttribute(lambda o: f"{o.kind}-{o.number}")
    country = "US"
    time_zone = "America/New_York"

    class Meta:
        model = LocalPage


def bulk_locals(index, numbers, **facts):
    """Live LocalPages "OPEIU Local N" under `index`, one per number, in a handful of queries
    (tests/bulk.py). Page.save() is bypassed, so these locals are NOT provisioned: use it only
    where provisioning is irrelevant (the directory's query budget with hundreds of locals)."""
    rows = [
        {
            "title": f"OPEIU Local {number}",
            "slug": f"local-{number}",
            "number": number,
            "kind": "local",
            **facts,
        }
        for number in numbers
    ]
    return bulk_pages(index, LocalPage, rows, published=None)
