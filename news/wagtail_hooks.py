"""What the news app answers other apps through Wagtail hooks (they import no news module)."""

from wagtail import hooks

from .models import NewsPage


@hooks.register("opeiu_tagged_news")
def tagged_news(section, tag, limit):
    """A contract's bargaining news (contracts.queries.bargaining_news): the newest `limit`
    posts under `section` tagged `tag`."""
    return NewsPage.objects.tagged_under(section, tag)[:limit]
