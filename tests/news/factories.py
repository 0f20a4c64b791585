"""Factories for news pages and categories."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from news.models import NewsCategory, NewsIndexPage, NewsPage
from tests.bulk import bulk_pages


class NewsCategoryFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")

    class Meta:
        model = NewsCategory
        django_get_or_create = ("slug",)


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "News"
    slug = "news"
    intro = "News from the union."

    class Meta:
        model = NewsIndexPage


class NewsPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"News post {n}")
    date = factory.Sequence(lambda n: datetime.date(2022, 1, 1) + datetime.timedelta(days=n))
    dek = factory.LazyAttribute(lambda post: f"Dek of {post.title}")
    summary = factory.LazyAttribute(lambda post: f"Summary of {post.title}.")

    class Meta:
        model = NewsPage


def add_posts(index, count, start=datetime.date(2020, 1, 1), **fields):
    """Add `count` live posts "Bulk post N" under `index` in a handful of queries (tests/bulk.py),
    one a day from `start`, numbered on from the index's children; `fields` go to every post."""
    index.refresh_from_db()
    first = index.numchild + 1
    rows = [
        {
            "title": f"Bulk post {first + number}",
            "slug": f"bulk-post-{first + number}",
            "date": start + datetime.timedelta(days=number),
            "dek": f"Dek {number}",
            "summary": f"Summary {number}.",
            **fields,
        }
        for number in range(count)
    ]
    return bulk_pages(index, NewsPage, rows, published=timezone.now())
