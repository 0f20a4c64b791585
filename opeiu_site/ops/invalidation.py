"""What a content change purges from the caches: the rules, in one place (the table of them is
in docs/caching.md). Which listings a page type is in is declared by the page class itself
(`BasePage.listing_kind`, `listing_in_tree`, `listing_tags`): this module keeps no table of
page types.

Only what changes what an anonymous visitor sees purges anything, and only the tags it touches
(opeiu_site.core.cache_tags names them):

* a page published, unpublished, moved, renamed (slug) or deleted: its own tag, its parent's
  children listing, its section's listing of its kind (news-local-212 ...), the tree listings
  above it (a calendar that includes the locals' events), the search and sitemap of each site
  it belongs to, and the pages, snippets and settings that link to it (Wagtail's reference
  index). A move, rename or delete does that for the whole subtree (every URL below changes).
* a page's view restriction added, changed or removed: the same for the page and its subtree.
* a snippet saved or deleted: its own rule (a promo: its placement) plus everything that
  references it (a news category: the posts in it and their listings).
* images and documents: everything that references them.
* site settings: the site's settings tag; a site (hostname, root): every site's tag.

Receivers are connected by sender, so drafts, autosaves, revisions, workflow states, locks,
form submissions, sessions and log entries purge nothing, and Django keeps its fast delete
for every model not listed here.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Page,
    PageViewRestriction,
    ReferenceIndex,
    Site,
    get_page_models,
)
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
    pre_page_move,
)
from wagtail.snippets.models import get_snippet_models

from opeiu_site.core import cache_tags
from opeiu_site.core.models import BasePage
from opeiu_site.core.sections import is_local_section_class
from opeiu_site.core.signals import pages_published_in_bulk
from opeiu_site.core.tree_paths import ancestor_paths, parent_path

from .purge import purge

# Snippets that show on their own (not only through the pages that reference them).
SNIPPET_TAGS = {
    "benefits.Promo": lambda promo: [cache_tags.promos(promo.placement)],
}
# Other models whose saves change public pages: {"app_label.ModelName": tags(instance)}.
EXTRA_MODEL_TAGS = {
    "wagtailsearchpromotions.SearchPromotion": lambda _promotion: _every_site(cache_tags.search),
}


# --- tags of a change -------------------------------------------------------------------------


def _model_of(content_type_id):
    return ContentType.objects.get_for_id(content_type_id).model_class()


def _every_site(tag):
    return [tag(pk) for pk in Site.objects.values_list("pk", flat=True)]


def tags_for_pages(pages):
    """Everything that shows these pages (two queries, whatever their number)."""
    pages = list(pages)
    if not pages:
        return set()
    prefixes = {prefix for page in pages for prefix in ancestor_paths(page.path, inclusive=True)}
    ancestors = {
        row["path"]: row
        for row in Page.objects.filter(path__in=prefixes).values(
            "path", "id", "slug", "content_type_id"
        )
    }
    sites = list(Site.objects.values_list("pk", "root_page__path"))
    tags = set()
    for page in pages:
        tags.add(cache_tags.page(page.pk))
        parent = ancestors.get(parent_path(page.path))
        if parent is not None:
            tags.add(cache_tags.children(parent["id"]))
        section = cache_tags.INTERNATIONAL
        for prefix in ancestor_paths(page.path, inclusive=True):
            row = ancestors.get(prefix)
            if row and is_local_section_class(_model_of(row["content_type_id"])):
                section = row["slug"]
        model = _model_of(page.content_type_id)
        if model is not None and issubclass(model, BasePage):
            tags |= model.listing_tags_in(section, ancestor_paths(page.path))
        for site_id, root_path in sites:
            if root_path and page.path.startswith(root_path):
                tags.update((cache_tags.search(site_id), cache_tags.sitemap(site_id)))
    return tags


def tags_for_subtree(page):
    return tags_for_pages(
        Page.objects.descendant_of(page, inclusive=True).only("id", "path", "content_type_id")
    )


def tags_for_referrers(objects):
    """Tags of the pages, snippets and settings that link to or show these objects."""
    references = ReferenceIndex.get_references_to_in_bulk(list(objects))
    page_type = ContentType.objects.get_for_model(Page)
    page_ids, others = set(), set()
    for base_type_id, object_id in references.values_list("base_content_type_id", "object_id"):
        if base_type_id == page_type.pk:
            page_ids.add(int(object_id))
        else:
            others.add((base_type_id, object_id))
    tags = {cache_tags.page(pk) for pk in page_ids}
    for base_type_id, object_id in others:
        model = ContentType.objects.get_for_id(base_type_id).model_class()
        instance = model._default_manager.filter(pk=object_id).first() if model else None
        if instance is not None:
            tags |= tags_for_object(instance, follow_references=False)
    return tags


def tags_for_object(instance, follow_references=True):
    """The tags a save or delete of a (non-page) object purges."""
    label = instance._meta.label
    tags = set()
    if isinstance(instance, Page):
        return tags_for_pages([instance])
    if isinstance(instance, BaseSiteSetting):
        tags.add(cache_tags.site_settings(instance.site_id))
    elif isinstance(instance, BaseGenericSetting):
        tags.update(_every_site(cache_tags.site_settings))
    elif isinstance(instance, Site):
        tags.update(_every_site(cache_tags.site))
        tags.add(cache_tags.site(instance.pk))
    for model_label, rule in {**SNIPPET_TAGS, **EXTRA_MODEL_TAGS}.items():
        if label == model_label or any(
            base._meta.label == model_label
            for base in type(instance).__mro__[1:]
            if hasattr(base, "_meta")
        ):
            tags.update(rule(instance))
    if follow_references and _is_snippet_or_media(type(instance)):
        referrers = ReferenceIndex.get_references_to(instance)
        page_type = ContentType.objects.get_for_model(Page)
        page_ids = referrers.filter(base_content_type=page_type).values_list("object_id")
        # Pages that show a snippet (a category, a venue) appear in listings: their whole tags.
        tags |= tags_for_pages(Page.objects.filter(pk__in=[int(pk) for (pk,) in page_ids]))
        tags |= tags_for_referrers([instance])
    return tags


def _is_snippet_or_media(model):
    return issubclass(model, (get_image_model(), get_document_model())) or model in set(
        get_snippet_models()
    )


# --- receivers --------------------------------------------------------------------------------


def _shown_on(page):
    """The tags of the pages that show `page` though it links them (BasePage.shown_on_pages:
    a meeting page lists the agenda that names it)."""
    if not isinstance(page, BasePage):
        return set()
    return {cache_tags.page(pk) for pk in page.shown_on_pages()}


def _page_changed(sender, instance, **kwargs):
    purge(tags_for_pages([instance]) | tags_for_referrers([instance]) | _shown_on(instance))


def _pages_changed(sender, pages, **kwargs):
    purge(tags_for_pages(pages) | tags_for_referrers(pages))


def _subtree_changed(sender, instance, **kwargs):
    purge(tags_for_subtree(instance) | tags_for_referrers([instance]))


def _page_deleted(sender, instance, **kwargs):
    # Before the rows go: the ancestors (the section) are still there to read. Each page of a
    # deleted subtree comes through here.
    purge(tags_for_pages([instance]) | tags_for_referrers([instance]) | _shown_on(instance))


def _restriction_changed(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        purge(tags_for_subtree(page))


def _object_changed(sender, instance, **kwargs):
    purge(tags_for_object(instance))


def connected_models():
    """The non-page models whose saves and deletes purge, by rule (also listed in the docs)."""
    models = {Site, get_image_model(), get_document_model(), *get_snippet_models()}
    for model in apps.get_models():
        if issubclass(model, (BaseSiteSetting, BaseGenericSetting)):
            models.add(model)
        if model._meta.label in EXTRA_MODEL_TAGS:
            models.add(model)
    return models


def connect():
    """Connect every receiver by sender. Called once all apps are ready (apps.py)."""
    page_signals = {
        page_published: _page_changed,
        page_unpublished: _page_changed,
        page_slug_changed: _subtree_changed,
        pre_page_move: _subtree_changed,
        post_page_move: _subtree_changed,
    }
    for model in get_page_models():
        for signal, receiver in page_signals.items():
            signal.connect(receiver, sender=model, dispatch_uid=f"cache-{model._meta.label}")
    pre_delete.connect(_page_deleted, sender=Page, dispatch_uid="cache-page-delete")
    pages_published_in_bulk.connect(_pages_changed, dispatch_uid="cache-pages-in-bulk")
    for model in apps.get_models():
        if issubclass(model, PageViewRestriction):
            for signal in (post_save, post_delete):
                signal.connect(_restriction_changed, sender=model, dispatch_uid="cache-privacy")
    for model in connected_models():
        for signal in (post_save, post_delete):
            signal.connect(_object_changed, sender=model, dispatch_uid=f"cache-{model._meta.label}")


# --- the docs' table --------------------------------------------------------------------------


def page_type_table():
    """docs/caching.md's table of page types, as the page classes declare it (BasePage's
    contract); tests/core/test_page_contract.py checks that the docs hold this text."""
    from wagtail.contrib.forms.models import FormMixin

    lines = [
        "| page type | its section's listing | tree listings | listed wherever it sits "
        "| page cache |",
        "|---|---|---|---|---|",
    ]
    models = sorted(
        (m for m in get_page_models() if issubclass(m, BasePage) and not m._meta.abstract),
        key=lambda model: model._meta.label,
    )
    for model in models:
        kind = f"`{model.listing_kind}-<section>`" if model.listing_kind else "—"
        tree = f"`{model.listing_kind}-tree-<path>`" if model.listing_in_tree else "—"
        anywhere = " ".join(f"`{tag}`" for tag in model.listing_tags) or "—"
        cached = (
            "no (a form)" if issubclass(model, FormMixin) else "yes" if model.page_cache else "no"
        )
        lines.append(f"| `{model._meta.label}` | {kind} | {tree} | {anywhere} | {cached} |")
    return "\n".join(lines)
