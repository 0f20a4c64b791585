"""JSON-LD structured data that passes the strict Content-Security-Policy: the one place that
writes a `<script type="application/ld+json">` element.

    {% load jsonld_tags %}{% json_ld data %}

renders `<script type="application/ld+json">` with the JSON escaped so that editor text can
never close the element (`<`, `>` and `&` become \\u escapes, as in Django's json_script).
A data block is never executed, so the strict script-src needs no nonce for it, and the page
stays the same for every visitor (one cached copy serves all). Python code that builds the
element itself (another template tag) calls `json_ld_script(data)`.
"""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld_text(data):
    """JSON safe inside <script>: no "</script>" or "<!--" can close or confuse the element."""
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_ESCAPES)


def json_ld_script(data):
    # Safe: every character that could end the element is escaped by json_ld_text.
    payload = mark_safe(json_ld_text(data))  # noqa: S308
    return format_html('<script type="application/ld+json">{}</script>', payload)


@register.simple_tag
def json_ld(data):
    """`{% json_ld data %}`: nothing when `data` is empty."""
    if not data:
        return ""
    return json_ld_script(data)
