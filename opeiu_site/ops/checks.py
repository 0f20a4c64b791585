from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.checks import Warning, register


@register()
def page_cache_is_shared(app_configs, **kwargs):
    """With DEBUG off there are several gunicorn workers: an invalidation made in one must
    reach the others, so the page cache has to live in a shared cache such as Redis."""
    if settings.DEBUG or not settings.PAGE_CACHE_ENABLED:
        return []
    if isinstance(caches[settings.PAGE_CACHE_ALIAS], LocMemCache):
        return [
            Warning(
                "The page cache uses the local-memory cache, which every gunicorn worker keeps "
                "for itself: a publish in one worker would not invalidate the others.",
                hint="Set CACHE_URL=redis://... (or PAGE_CACHE_ENABLED=False).",
                id="ops.W001",
            )
        ]
    return []
