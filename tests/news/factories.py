"""Factories for news pages and categories."""

import datetime
import uuid

import factory
import wagtail_factories
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import Page

from news.models import NewsCategory, NewsIndexPage, NewsPage


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
    """Add `count` live posts under `index` in a handful of queries, one per day from `start`.

    Page.add_child costs several queries per page, so thousands of posts would take minutes;
    here the tree paths come from treebeard's own path helper, the base rows are bulk-inserted
    and the NewsPage rows inserted in one batch after them.
    """
    index.refresh_from_db()
    content_type = ContentType.objects.get_for_model(NewsPage)
    first_step = index.numchild + 1
    published = timezone.now()
    posts = []
    for number in range(count):
        slug = f"bulk-post-{first_step + number}"
        posts.append(
            NewsPage(
                title=f"Bulk post {first_step + number}",
                draft_title=f"Bulk post {first_step + number}",
                slug=slug,
                path=Page._get_path(index.path, index.depth + 1, first_step + number),
                depth=index.depth + 1,
                numchild=0,
                url_path=f"{index.url_path}{slug}/",
                content_type=content_type,
                locale_id=index.locale_id,
                translation_key=uuid.uuid4(),
                live=True,
                first_published_at=published,
                last_published_at=published,
                date=start + datetime.timedelta(days=number),
                dek=f"Dek {number}",
                summary=f"Summary {number}.",
                **fields,
            )
        )
    base_fields = {field.attname for field in Page._meta.concrete_fields} - {"id"}
    base_rows = Page.objects.bulk_create(
        [Page(**{name: getattr(post, name) for name in base_fields}) for post in posts]
    )
    for post, row in zip(posts, base_rows, strict=True):
        post.page_ptr_id = post.pk = row.pk
    NewsPage.objects._insert(posts, fields=NewsPage._meta.local_concrete_fields)
    Page.objects.filter(pk=index.pk).update(numchild=index.numchild + count)
    index.refresh_from_db()
    return posts
