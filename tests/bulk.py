"""Bulk-create live pages under one parent in a few queries, for the few places that need
thousands of pages: the query budgets (tests/core, tests/news, tests/locals, tests/contracts)
and the benchmark's large data set (bench/builders_*.py). Everywhere else, make pages with the
wagtail-factories factories (tests/factories.py, tests/<app>/factories.py), which go through
Page.add_child and save like an editor does.

Page.add_child and save_revision cost several queries per page, so 10,000 pages would take
minutes. Here the tree paths come from `child_paths` (treebeard's own path helper, the one
place this suite computes them), the wagtailcore_page rows go in with one bulk insert per
batch and the specific rows (concrete page types inherit Page directly) with a raw insert after
them. This bypasses Page.save(): no revisions, no signals (so a LocalPage made here is NOT
provisioned), no search indexing.
"""

import uuid

BATCH = 500


def child_paths(parent, count):
    """The tree paths of `count` pages added after `parent`'s last child, in order: what
    treebeard's add_child would give them one by one (steps follow the last child's, so a gap
    left by a deleted page is never reused)."""
    from wagtail.models import Page

    last = parent.get_last_child()
    first_step = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
    depth = parent.depth + 1
    return [Page._get_path(parent.path, depth, first_step + offset) for offset in range(count)]


def bulk_pages(parent, model, rows, published, progress=None):
    """Add one live `model` page under `parent` per dict in `rows` (title, slug and the
    model's own fields); `published` (first/last published at) is a datetime, None or a
    function of the row's index. Returns the pages, in order; `parent` is refreshed."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from wagtail.models import Page

    parent.refresh_from_db()
    paths = child_paths(parent, len(rows))
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
                    path=paths[offset],
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
