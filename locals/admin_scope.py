"""What an admin user may see: the one policy behind every chooser, report, API and
autocomplete that the admin hooks and view overrides (wagtail_hooks.py, admin_views.py) scope.

- Pages: the subtrees the user holds page permissions on (a local's staff: their local; the
  International's Communications staff: the whole site), plus, where links are chosen, pages
  anyone may visit (live and public) and the ancestors on the way down to their own section;
  those show their *live* titles only, never a pending draft title.
- Images and documents: the collections the user may choose from or edit, i.e. their own
  collection. Nothing is shared implicitly; the International shares files with the locals by
  giving their groups "choose" permission on a collection (see docs/admin-isolation.md).
- References a page names by ID (`refuse_reference`, checked by every page form):
  their own section's pages and files, pages anyone may visit, the International's public
  files, shared snippets.
- Tags: those on things the user may see by the rules above.
- Snippets: the shared reference data every local picks from (SHARED_SNIPPETS) is open to
  every admin user; any other snippet model needs a permission on it.

Superusers see everything.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from taggit.models import CommonGenericTaggedItemBase, Tag, TaggedItem, TaggedItemBase
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.permissions import policy_registry
from wagtail.snippets.models import get_snippet_models

from opeiu_site.core.audience import is_public_collection
from opeiu_site.core.tree_paths import ancestor_paths

# Snippets that are the union's common reference data: venues events take place at, news and
# benefit categories. Every admin user may choose them; other snippet models (promos, and any
# new app's) need a permission on the model.
SHARED_SNIPPETS = {"events.venue", "news.newscategory", "benefits.benefitcategory"}

MEDIA_ACTIONS = ["add", "change", "choose"]


def sees_everything(user):
    return user.is_active and user.is_superuser


def section_roots(user):
    """The pages at the top of each subtree `user` holds a page permission on."""
    policy = policy_registry.get_by_type(Page)
    roots = sorted(policy.instances_with_direct_explore_permission(user), key=lambda p: p.path)
    # Drop roots that sit inside another root.
    kept = []
    for page in roots:
        if not any(page.path.startswith(top.path) for top in kept):
            kept.append(page)
    return kept


def editable_q(user):
    """Q for the pages in `user`'s own sections (matches nothing when they have none)."""
    query = Q(pk__in=[])
    for root in section_roots(user):
        query |= Q(path__startswith=root.path)
    return query


def ancestors_q(user):
    """Q for the pages above `user`'s sections (the way down from the root)."""
    paths = set()
    for root in section_roots(user):
        paths.update(ancestor_paths(root.path))
    return Q(path__in=paths)


def editable_pages(user, queryset=None):
    queryset = Page.objects.all() if queryset is None else queryset
    return queryset if sees_everything(user) else queryset.filter(editable_q(user))


def linkable_pages(user, queryset):
    """`queryset` narrowed to what a link chooser may offer `user`: their sections, the way
    down to them, and pages anyone may visit."""
    if sees_everything(user):
        return queryset
    public = Page.objects.live().public().values("pk")
    return queryset.filter(editable_q(user) | ancestors_q(user) | Q(pk__in=public))


def is_editable(user, page):
    return sees_everything(user) or any(page.path.startswith(r.path) for r in section_roots(user))


def hide_draft_title(user, page):
    """Show `page` to `user` under its live title unless it is in their own section."""
    if not is_editable(user, page):
        page.draft_title = page.title
    return page


def with_live_titles(user, queryset):
    """`queryset` whose pages outside `user`'s sections carry their live title as draft title
    (the chooser shows `get_admin_display_title()`, which is the draft title)."""
    if sees_everything(user):
        return queryset
    roots = tuple(root.path for root in section_roots(user))

    class LiveTitlesQuerySet(type(queryset)):
        def _fetch_all(self):
            super()._fetch_all()
            for page in self._result_cache:
                if isinstance(page, Page) and not page.path.startswith(roots):
                    page.draft_title = page.title

    clone = queryset._chain()
    clone.__class__ = LiveTitlesQuerySet
    return clone


def choosable_media(user, model, queryset=None):
    """The images or documents (`model`) in the collections `user` may choose from or edit."""
    queryset = model.objects.all() if queryset is None else queryset
    if sees_everything(user):
        return queryset
    policy = policy_registry.get_by_type(model)
    allowed = policy.instances_user_has_any_permission_for(user, MEDIA_ACTIONS)
    return queryset.filter(pk__in=allowed.values("pk"))


def visible_tags(user, queryset=None):
    """Tags on pages `user` may link to and on images and documents they may choose."""
    queryset = Tag.objects.all() if queryset is None else queryset
    if sees_everything(user):
        return queryset
    pages = linkable_pages(user, Page.objects.all()).values("pk")
    used = Q(pk__in=[])
    for model in apps.get_models():
        if issubclass(model, TaggedItemBase) and not issubclass(model, CommonGenericTaggedItemBase):
            target = model._meta.get_field("content_object").related_model
            if issubclass(target, Page):
                used |= Q(pk__in=model.objects.filter(content_object__in=pages).values("tag"))
    for model in (get_image_model(), get_document_model()):
        tagged = TaggedItem.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id__in=list(choosable_media(user, model).values_list("pk", flat=True)),
        )
        used |= Q(pk__in=tagged.values("tag"))
    return queryset.filter(used).distinct()


def popular_tags(user, model, count=10):
    """Wagtail's "most used tags" of an image or document model, counted over the items
    `user` may choose (Wagtail counts over every collection)."""
    tagged = TaggedItem.objects.filter(content_type=ContentType.objects.get_for_model(model))
    if not sees_everything(user):
        own = choosable_media(user, model).values_list("pk", flat=True)
        tagged = tagged.filter(object_id__in=list(own))
    return (
        Tag.objects.filter(pk__in=tagged.values("tag"))
        .annotate(item_count=Count("taggit_taggeditem_items"))
        .order_by("-item_count", "name")[:count]
    )


def may_choose_snippet(user, model):
    if sees_everything(user) or model._meta.label_lower in SHARED_SNIPPETS:
        return True
    policy = policy_registry.get_by_type(model)
    return policy.user_has_any_permission(user, ["add", "change", "delete", "choose"])


FOREIGN_FILE = _(
    "Choose a file of your own local's collection (or a public file of the International)."
)
FOREIGN_PAGE = _("Choose one of your own local's pages, or a published page anyone may visit.")
FOREIGN_SNIPPET = _("You may not choose this item.")


def may_choose_media(user, item):
    """`user`'s own files (those they may choose or edit), and the International's public
    files. Never another local's, nor anything private of the International's."""
    model = type(item)
    if choosable_media(user, model).filter(pk=item.pk).exists():
        return True
    from .audience import owner_of_collection

    return owner_of_collection(item.collection) is None and is_public_collection(item.collection)


def refuse_reference(user, place, obj):
    """Why `user` may not name `obj` (by ID) on a page, or None if they may: their own
    section's pages and files, public pages, the International's public files, shared
    snippets. The reason never names `obj`."""
    if sees_everything(user):
        return None
    if isinstance(obj, (get_document_model(), get_image_model())):
        return None if may_choose_media(user, obj) else FOREIGN_FILE
    if isinstance(obj, Page):
        if is_editable(user, obj) or Page.objects.live().public().filter(pk=obj.pk).exists():
            return None
        return FOREIGN_PAGE
    if type(obj) in get_snippet_models() and not may_choose_snippet(user, type(obj)):
        return FOREIGN_SNIPPET
    return None
