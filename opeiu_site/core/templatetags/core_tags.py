"""Template tags for the site-wide frame: main menu, section roots, absolute URLs."""

from django import template
from django.utils.safestring import mark_safe
from wagtail import hooks
from wagtail.models import Site

from opeiu_site.core import cache_tags, page_tree

register = template.Library()


def _site_root(request):
    site = Site.find_for_request(request) if request else None
    return site.root_page if site else None


@register.inclusion_tag("components/main_menu.html", takes_context=True)
def main_menu(context):
    """The home link plus the live, public, in-menu children of the site's root page."""
    request = context.get("request")
    root = _site_root(request)
    tree = page_tree.for_request(request)
    if tree is not None:
        items = tree.menu  # fetched with the page (page_tree.route)
    else:
        items = (
            list(root.get_children().live().public().in_menu().specific(defer=True)) if root else []
        )
    if root is not None:
        cache_tags.add(cache_tags.children(root))
    current = context.get("page")
    current_path = current.path if current is not None else ""
    return {
        "root": root,
        "items": [{"page": item, "active": current_path.startswith(item.path)} for item in items],
        "home_active": current is not None and root is not None and current.pk == root.pk,
    }


@register.simple_tag
def breadcrumb_ancestors(page):
    """The ancestors a page's breadcrumbs show (below the tree's root), declaring the cache
    tags of those whose titles appear (all but the site's home, labelled "Home")."""
    ancestors = list(page.breadcrumb_ancestors)
    cache_tags.add(*(cache_tags.page(ancestor) for ancestor in ancestors[1:]))
    return ancestors


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    """Make a site-relative URL absolute for the current request (canonical, feeds, OG)."""
    request = context.get("request")
    if not url:
        return ""
    if url.startswith(("http://", "https://")) or request is None:
        return url
    return request.build_absolute_uri(url)


PAGE_EXTRAS_HOOK = "opeiu_page_extras"


@register.simple_tag(takes_context=True)
def page_extras(context, page, place):
    """HTML that apps above the content apps add to a page at `place` ("series", "calendar",
    "news"): each function registered as the Wagtail hook "opeiu_page_extras" is called with
    (request, page, place) and returns HTML (already escaped) or "". Core and the content apps
    name none of them (the alerts app's "Email me changes" form is one)."""
    parts = [
        hook(context.get("request"), page, place) for hook in hooks.get_hooks(PAGE_EXTRAS_HOOK)
    ]
    return mark_safe("".join(part for part in parts if part))  # noqa: S308 (hooks escape)
