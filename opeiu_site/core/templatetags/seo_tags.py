"""Template tags for the <head>: meta description with fallbacks, robots, Organization JSON-LD.

Page models can steer them without touching templates:
- `search_description` (Promote tab) wins for the meta description; then BasePage.summary_text;
  then the first of `intro`, `dek`, `summary` the page has; then the site's tagline and name.
- `seo_noindex = True` on a page type (BasePage's contract; a type may make it a field) adds
  `noindex` for it.
"""

from django import template
from django.utils.text import Truncator
from wagtail.models import Site

from opeiu_site.core.models import BasePage, SiteSettings
from opeiu_site.core.seo import organization_data

from .jsonld_tags import json_ld_script

register = template.Library()

DESCRIPTION_LENGTH = 160
_FALLBACK_FIELDS = ("intro", "dek", "summary")


@register.simple_tag(takes_context=True)
def meta_description(context, page=None):
    page = page if page is not None else context.get("page")
    candidates = []
    if page is not None:
        candidates += [getattr(page, "search_description", ""), getattr(page, "summary_text", "")]
        candidates += [getattr(page, name, "") for name in _FALLBACK_FIELDS]
    for text in candidates:
        if isinstance(text, str) and text.strip():
            return Truncator(" ".join(text.split())).chars(DESCRIPTION_LENGTH)
    request = context.get("request")
    if request is None:
        return ""
    site_settings = SiteSettings.for_request(request)
    parts = [site_settings.organisation_name, site_settings.tagline]
    return ": ".join(part for part in parts if part)


@register.simple_tag(takes_context=True)
def robots_noindex(context):
    """True when this response must stay out of search engines: previews, search results,
    error pages and pages that ask for it."""
    request = context.get("request")
    page = context.get("page")
    return bool(
        context.get("noindex")
        or getattr(request, "is_preview", False)
        or (isinstance(page, BasePage) and page.seo_noindex)
    )


@register.simple_tag(takes_context=True)
def organization_jsonld(context, page):
    """<script type="application/ld+json"> describing the site's organisation, on the page
    that is the root of the current site (the home page; a local's page on its own domain)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None or page is None or page.pk != site.root_page_id:
        return ""
    site_settings = SiteSettings.for_request(request)
    data = organization_data(site_settings, request.build_absolute_uri("/"), request)
    return json_ld_script(data)
