"""Factories for the locals directory and local pages."""

import factory
import wagtail_factories

from locals.models import LocalIndexPage, LocalPage


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
    """Live LocalPages under `index`, one per number, in a handful of queries.

    The page rows go in with one bulk insert (tree paths computed here, as treebeard would)
    and each local's own row with a raw save. This bypasses Page.save(), so signals are not
    sent and these locals are NOT provisioned: use it only where provisioning is irrelevant
    (the directory's query budget with hundreds of locals).
    """
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page

    last = index.get_last_child()
    first_step = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
    content_type = ContentType.objects.get_for_model(LocalPage)
    pages = [
        Page(
            title=f"OPEIU Local {number}",
            draft_title=f"OPEIU Local {number}",
            slug=f"local-{number}",
            content_type=content_type,
            path=index._get_path(index.path, index.depth + 1, first_step + offset),
            depth=index.depth + 1,
            numchild=0,
            url_path=f"{index.url_path}local-{number}/",
            live=True,
            locale_id=index.locale_id,
        )
        for offset, number in enumerate(numbers)
    ]
    Page.objects.bulk_create(pages)
    for page, number in zip(pages, numbers, strict=True):
        local = LocalPage(page_ptr_id=page.pk, number=number, kind="local", **facts)
        local.save_base(raw=True)
    Page.objects.filter(pk=index.pk).update(numchild=index.numchild + len(pages))
    index.refresh_from_db()
