"""Search-engine plumbing shared by every site: robots.txt, the sitemap and the Organization
JSON-LD.

The sitemap is wagtail.contrib.sitemaps' view (live, public pages of the requested site) with
`PageSitemap`, routed at /sitemap.xml in opeiu_site/urls.py.
"""

import re

from django.http import HttpResponse
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps import Sitemap

# "City, ST 12345" or "City, ON A1A 1A1": the last line of a North American postal address.
_CITY_LINE = re.compile(
    r"^(?P<city>[^,]+),\s*(?P<region>[A-Z]{2})\s+(?P<postal>[A-Z0-9][A-Z0-9 -]+)$"
)
_CANADIAN_POSTAL_CODE = re.compile(r"^[A-Z]\d[A-Z] ?\d[A-Z]\d$")

# Paths crawlers should leave alone: the editor and the (endless, noindexed) search results.
DISALLOWED_PATHS = ["/admin/", "/search/"]


class PageSitemap(Sitemap):
    """Wagtail's sitemap, its pages built from the page rows alone: a sitemap entry needs only
    the URL and the last publication date, so the specific rows (one query per page type)
    are not fetched."""

    def items(self):
        return super().items().specific(defer=True)


@require_GET
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in DISALLOWED_PATHS), ""]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def organization_data(site_settings, home_url, request):
    """schema.org Organization for a site, from its SiteSettings (name, address, phones)."""
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": site_settings.organisation_name,
        "alternateName": site_settings.short_name,
        "url": home_url,
        "logo": request.build_absolute_uri(static("img/favicon.svg")),
    }
    address = postal_address(site_settings.address)
    if address:
        data["address"] = address
    phones = site_settings.phone_numbers
    if phones:
        data["telephone"] = phones[0]
        data["contactPoint"] = [
            {"@type": "ContactPoint", "telephone": number, "contactType": "customer service"}
            for number in phones
        ]
    if site_settings.email:
        data["email"] = site_settings.email
    same_as = [url for _, url in site_settings.social_links]
    if same_as:
        data["sameAs"] = same_as
    return data


def postal_address(text):
    """A schema.org PostalAddress from a free-text address; the city line split out when it
    has the usual "City, ST 12345" form."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return None
    address = {"@type": "PostalAddress"}
    city_line = _CITY_LINE.match(lines[-1])
    if city_line:
        lines = lines[:-1]
        postal = city_line["postal"].strip()
        address.update(
            addressLocality=city_line["city"].strip(),
            addressRegion=city_line["region"],
            postalCode=postal,
            addressCountry="CA" if _CANADIAN_POSTAL_CODE.match(postal) else "US",
        )
    if lines:
        address["streetAddress"] = ", ".join(lines)
    return address
