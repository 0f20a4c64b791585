"""Template tags of the news app: the "Latest news" block and a post's structured data."""

from django import template
from django.templatetags.static import static

from news.models import NewsIndexPage, NewsPage
from opeiu_site.core.models import SiteSettings
from opeiu_site.core.page_tree import section_indexes

register = template.Library()


@register.inclusion_tag("news/includes/latest_news.html", takes_context=True)
def latest_news(context, section, limit=5):
    """`{% latest_news page %}`: the section's newest posts with date, dek and summary, and a
    link to all its news."""
    posts = list(NewsPage.objects.of_section(section)[:limit]) if section is not None else []
    index = next(iter(section_indexes(section, NewsIndexPage)), None) if posts else None
    return {"request": context.get("request"), "posts": posts, "index": index}


@register.simple_tag(takes_context=True)
def news_article_data(context, post, image_url=""):
    """`{% news_article_data page image_url as article %}{% json_ld article %}`: schema.org
    NewsArticle data for a post (rendered by core's json_ld tag)."""
    request = context["request"]
    site_settings = SiteSettings.for_request(request)
    url = request.build_absolute_uri(post.get_url(request))
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": post.title[:110],
        "description": post.summary_text,
        "datePublished": post.published_at.isoformat(),
        "dateModified": (post.last_published_at or post.published_at).isoformat(),
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "publisher": {
            "@type": "Organization",
            "name": site_settings.organisation_name,
            "url": request.build_absolute_uri("/"),
            "logo": {
                "@type": "ImageObject",
                "url": request.build_absolute_uri(static("img/favicon.svg")),
            },
        },
        "author": {"@type": "Organization", "name": site_settings.organisation_name},
    }
    if image_url:
        data["image"] = [image_url]
    if post.category is not None:
        data["articleSection"] = post.category.name
    return data
