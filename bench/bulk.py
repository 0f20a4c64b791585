"""Bulk-create live pages under one parent in a few queries (the bench's large data set).

Page.add_child and save_revision cost several queries per page, so 10,000 pages would take
minutes. As in the apps' test factories (tests/news/factories.py `add_posts`,
tests/locals/factories.py `bulk_locals`), the tree paths are computed with treebeard's own
helper, the wagtailcore_page rows go in with one bulk insert per batch and the specific rows
(concrete page types inherit Page directly) with a raw insert after them. This bypasses
Page.save(): no revisions, no signals, no search indexing.
"""

import uuid

BATCH = 500


def bulk_pages(parent, model, rows, published, progress=None):
    """Add one live `model` page under `parent` per dict in `rows` (title, slug and the
    model's own fields); `published` is a datetime or a function of the row's index."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from wagtail.models import Page

    parent.refresh_from_db()
    last = parent.get_last_child()
    first_step = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
    content_type = ContentType.objects.get_for_model(model)
    base_fields = {field.attname for field in Page._meta.concrete_fields} - {"id"}
    created = []
    for start in range(0, len(rows), BATCH):
        pages = []
        for offset, fields in enumerate(rows[start : start + BATCH], start=start):
            when = published(offset) if callable(published) else published
            pages.append(
                model(
                    draft_title=fields["title"],
                    path=Page._get_path(parent.path, parent.depth + 1, first_step + offset),
                    depth=parent.depth + 1,
                    numchild=0,
                    url_path=f"{parent.url_path}{fields['slug']}/",
                    content_type=content_type,
                    locale_id=parent.locale_id,
                    translation_key=uuid.uuid4(),
                    live=True,
                    first_published_at=when,
                    last_published_at=when,
                    **fields,
                )
            )
        with transaction.atomic():
            base_rows = Page.objects.bulk_create(
                [Page(**{name: getattr(page, name) for name in base_fields}) for page in pages]
            )
            for page, row in zip(pages, base_rows, strict=True):
                page.page_ptr_id = page.pk = row.pk
            model.objects._insert(pages, fields=model._meta.local_concrete_fields)
        created.extend(pages)
        if progress is not None:
            progress.update(len(pages))
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + len(rows))
    parent.refresh_from_db()
    return created
