"""What invalidates the page cache: anything an anonymous page may show.

Hooked generically, so page types, snippets and settings added later are covered without
touching this file: any Page subclass, any model registered as a snippet (at signal time, so
late registrations count), any site or generic setting, images, documents, sites and view
restrictions (making a page private must hide the public copy at once). Inline children of a
page (a meeting's per-date changes) are saved through a publish, which is covered too.
Models that are not content but do show on pages can be listed in PAGE_CACHE_EXTRA_MODELS
("app_label.ModelName").
"""

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import BaseViewRestriction, Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move
from wagtail.snippets.models import get_snippet_models

from .page_cache import invalidate

CONTENT_BASES = (
    Page,
    Site,
    BaseViewRestriction,
    AbstractImage,
    AbstractDocument,
    BaseSiteSetting,
    BaseGenericSetting,
)


def invalidates_cache(model):
    if issubclass(model, CONTENT_BASES):
        return True
    if model._meta.label in getattr(settings, "PAGE_CACHE_EXTRA_MODELS", ()):
        return True
    snippet_models = get_snippet_models()
    return model in snippet_models or (
        # A snippet's concrete subclass or a proxy of one shows up on pages just the same.
        any(issubclass(model, snippet) for snippet in snippet_models)
    )


@receiver(post_save)
@receiver(post_delete)
def _content_changed(sender, **kwargs):
    if invalidates_cache(sender):
        invalidate()


@receiver(page_published)
@receiver(page_unpublished)
@receiver(pre_page_move)
@receiver(post_page_move)
def _page_changed(sender, **kwargs):
    invalidate()
