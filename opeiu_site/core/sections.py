"""Whose page is this: the section (the International or a local) a page belongs to.

A *section root* is a page class that mixes in `SectionRoot` (the International's HomePage, a
LocalPage). Every page belongs to the nearest section root at or above it, whatever the depth:
code asks `section_of(page)` instead of counting levels or slicing tree paths.

Cost: for the page being served, core.page_tree's routing query already holds its ancestors
(`page._page_tree`), so finding the section costs nothing; for any other page it is one query
for the ancestors. The section comes back as its specific class with its own fields deferred
(Wagtail's `specific_deferred`): its tree fields (`pk`, `path`, `depth`, `slug`...) are there, a
field of its own (a local's `time_zone`) is one query when first read.
"""

from wagtail.models import Page

from . import tree_paths
from .tree_paths import ancestor_paths


class SectionRoot:
    """Marker for a page class that roots a section: the pages under it are its own."""

    # True for a local's section (LocalPage): its listings are tagged with its slug; the
    # International's home page keeps False and its listings' tags say "international".
    is_local_section = False


def is_local_section_class(page_class):
    """Is `page_class` (a page's specific class, or None) the root of a local's section?"""
    return page_class is not None and getattr(page_class, "is_local_section", False) is True


def local_section_models():
    """The page classes that root a local's section (LocalPage), without importing them."""
    from wagtail.models import get_page_models

    return [model for model in get_page_models() if is_local_section_class(model)]


def international_roots():
    """The International's home pages (a queryset of its page class, the section root that is
    not a local's: HomePage), for code below the home app (locals' provisioning and admin
    scope) that must find the International without importing it; None without one."""
    from wagtail.models import get_page_models

    for model in get_page_models():
        if issubclass(model, SectionRoot) and not is_local_section_class(model):
            return model.objects.order_by("path")
    return None


def _is_root(page):
    return issubclass(page.specific_class or Page, SectionRoot)


def parent_path(page):
    """The tree path of the page's parent, without a query (treebeard's fixed-width steps)."""
    return tree_paths.parent_path(page.path)


def _ancestors_or_self(page):
    """`page` and its ancestors, nearest first, as base rows where the request's routing
    fetched them, else read in one query (none for a site's home page)."""
    tree = getattr(page, "_page_tree", None)
    if tree is not None:
        chain = tree.ancestors(page)
        if chain is not None:
            return [page, *reversed(chain)]
    # Below Wagtail's root node (a plain `Page`, never a section root), from the top down.
    paths = ancestor_paths(page.path, from_depth=2)
    ancestors = Page.objects.filter(path__in=paths).order_by("-path") if paths else []
    return [page, *ancestors]


def section_roots(page):
    """The section roots at or above `page`, nearest first: the page's own section, then the
    sections it sits in (a local's page, then the International's home page)."""
    if page is None or not page.path:
        return []
    return [
        node if isinstance(node, SectionRoot) else node.specific_deferred
        for node in _ancestors_or_self(page)
        if _is_root(node)
    ]


def section_of(page):
    """The section root `page` belongs to (itself if it is one), as its specific page; None
    for a page outside every section (the tree root)."""
    if isinstance(page, SectionRoot):
        return page
    return next(iter(section_roots(page)), None)


def international(page):
    """The outermost section above or at `page`: the International's home page."""
    roots = section_roots(page)
    return roots[-1] if roots else None
