"""Template tags of the news app: the "Latest news" block and a post's structured data."""

import json

from django import template
from django.templatetags.static import static
from django.utils.safestring import mark_safe

from news import queries
from opeiu_site.core.models import SiteSettings

register = template.Library()

# Characters that could end the <script> element or open a comment inside JSON-LD.
_JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.inclusion_tag("news/includes/latest_news.html", takes_context=True)
def latest_news(context, section, limit=5):
    """`{% latest_news page %}`: the section's newest posts with date, dek and summary, and a
    link to all its news."""
    posts = list(queries.latest(section, limit=limit)) if section is not None else []
    return {
        "request": context.get("request"),
        "posts": posts,
        "index": queries.news_index(section) if posts else None,
    }


@register.simple_tag(takes_context=True)
def news_article_json_ld(context, post, image_url=""):
    """`{% news_article_json_ld page image_url %}`: a schema.org NewsArticle script element."""
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
    payload = json.dumps(data, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    # Safe: every character that could break out of the element is escaped above.
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308
