"""What the news app answers other apps through Wagtail hooks (they import no news module)."""

from wagtail import hooks

from . import queries

# A contract's bargaining news (contracts.queries.bargaining_news).
hooks.register("opeiu_tagged_news", queries.tagged)
