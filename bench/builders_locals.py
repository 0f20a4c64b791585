"""Bench builder: the locals directory grows to 300 locals (the demo's and bulk-made ones)."""

import datetime as dt

from bench.dataset import builder
from tests.bulk import bulk_pages

LOCALS = 300
FIRST_NUMBER = 5000  # above every real local number in the demo
STATES = ["NY", "CA", "MN", "TX", "IL", "WA", "FL", "OH", "PA", "MI"]


@builder("locals", order=20)
def locals_directory(scale, progress):
    """Bulk locals are not provisioned (no groups, collections, workflows, index pages): the
    directory and section queries see them; the demo's locals keep their full content."""
    from django.utils import timezone

    from locals.models import LocalIndexPage, LocalPage

    index = LocalIndexPage.objects.live().first()
    have = LocalPage.objects.child_of(index).count()
    total = LOCALS * scale
    bar = progress("locals", total)
    bar.update(have)
    start = FIRST_NUMBER + LocalPage.objects.filter(number__gte=FIRST_NUMBER).count()
    rows = [
        {
            "title": f"OPEIU Local {number}",
            "slug": f"local-{number}",
            "number": number,
            "kind": "local",
            "city": f"Union City {number % 97}",
            "state_province": STATES[number % len(STATES)],
            "country": "US",
            "time_zone": "America/New_York",
            "member_count": 100 + number % 900,
        }
        for number in range(start, start + max(total - have, 0))
    ]
    published = timezone.now() - dt.timedelta(days=400)
    bulk_pages(index, LocalPage, rows, published, bar)
