from wagtail import hooks

from opeiu_site.core import cache_tags

from .page_cache import allow_caching, page_is_cacheable


@hooks.register("on_serve_page")
def mark_page_cacheable(next_serve_page):
    """Every page served from the tree opts into the anonymous cache unless it is a form page
    or its class sets `page_cache = False`, and declares its own cache tag. Reached only after
    Wagtail's privacy checks."""

    def serve(page, request, args, kwargs):
        allow_caching(request, page_is_cacheable(page))
        cache_tags.add(cache_tags.page(page))
        return next_serve_page(page, request, args, kwargs)

    return serve
