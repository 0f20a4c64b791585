"""Signals of the site's own, for what Wagtail has no signal for."""

from django.dispatch import Signal

# Sent (with `pages`, a list of specific page instances) by code that publishes many pages at
# once without Wagtail's per-page publish (the calendar import), after their rows are written,
# so that the cache purges them in one go (opeiu_site/ops/invalidation.py).
pages_published_in_bulk = Signal()
