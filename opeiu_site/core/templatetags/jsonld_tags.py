"""JSON-LD structured data that passes the strict Content-Security-Policy.

    {% load jsonld_tags %}{% json_ld data %}

renders `<script type="application/ld+json" nonce="...">` with the response's CSP nonce (from
the csp context processor) and the JSON escaped so that editor text can never close the
element (`<`, `>` and `&` become \\u escapes, as in Django's json_script).
"""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def json_ld(context, data):
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_ESCAPES)
    nonce = context.get("csp_nonce")
    if nonce is None:
        return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))
    return format_html(
        '<script type="application/ld+json" nonce="{}">{}</script>', nonce, mark_safe(payload)
    )


@register.simple_tag(takes_context=True)
def organization_data(context):
    """schema.org Organization for the site, from site settings."""
    request = context.get("request")
    if request is None:
        return {}
    from opeiu_site.core.models import SiteSettings

    site_settings = SiteSettings.for_request(request)
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": site_settings.organisation_name,
        "alternateName": site_settings.short_name,
        "url": request.build_absolute_uri("/"),
    }
    if site_settings.email:
        data["email"] = site_settings.email
    if site_settings.phone:
        data["telephone"] = site_settings.phone
    same_as = [url for _, url in site_settings.social_links]
    if same_as:
        data["sameAs"] = same_as
    return data
