"""Bench builder: about 10,000 news posts under the International's news index."""

import datetime as dt

from bench.dataset import builder
from tests.bulk import bulk_pages

POSTS = 10_000


@builder("news posts", order=40)
def news_posts(scale, progress):
    from django.utils import timezone

    from news.models import NewsCategory, NewsIndexPage, NewsPage
    from opeiu_site.home.models import HomePage

    home = HomePage.objects.first()
    index = NewsIndexPage.objects.child_of(home).get()
    existing = NewsPage.objects.child_of(index).filter(slug__startswith="bench-").count()
    total = POSTS * scale
    bar = progress("news posts", total)
    bar.update(existing)
    categories = list(NewsCategory.objects.order_by("pk"))
    # Older than the demo's posts (by date and by publication), so the demo's pages stay the
    # ones the targets resolve to and the index's first page: the archive grows behind them.
    oldest = timezone.now() - dt.timedelta(days=400)
    first_day = dt.date(2000, 1, 1)
    rows = [
        {
            "title": f"Union news from the archive, number {number}",
            "slug": f"bench-{number}",
            "date": first_day + dt.timedelta(days=number // 3),
            "dek": f"Archive post {number}",
            "summary": f"What the union did, kept for the record (post {number}).",
            "body": [("paragraph", f"<p>Members of the union met, post {number}.</p>")],
            "category_id": categories[number % len(categories)].pk if categories else None,
        }
        for number in range(existing, total)
    ]
    bulk_pages(index, NewsPage, rows, lambda i: oldest - dt.timedelta(hours=total - i), bar)
