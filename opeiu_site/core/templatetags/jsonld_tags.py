"""JSON-LD structured data that passes the strict Content-Security-Policy.

    {% load jsonld_tags %}{% json_ld data %}

renders `<script type="application/ld+json" nonce="...">` with the response's CSP nonce (from
the csp context processor) and the JSON escaped so that editor text can never close the
element (see opeiu_site.core.seo.json_ld).
"""

from django import template

from opeiu_site.core.seo import json_ld_script

register = template.Library()


@register.simple_tag(takes_context=True)
def json_ld(context, data):
    return json_ld_script(data, context.get("csp_nonce"))
