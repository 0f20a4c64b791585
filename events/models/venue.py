"""Venue: a place where meetings and events happen, reused across pages (a snippet)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet


@register_snippet
class Venue(models.Model):
    name = models.CharField(_("name"), max_length=255)
    street_address = models.CharField(_("street address"), max_length=255, blank=True)
    locality = models.CharField(_("city"), max_length=100, blank=True)
    region = models.CharField(_("state or province"), max_length=100, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=20, blank=True)
    country = models.CharField(_("country"), max_length=2, default="US", help_text=_("ISO code"))
    map_url = models.URLField(_("map link"), blank=True)
    accessibility = models.TextField(
        _("accessibility notes"),
        blank=True,
        help_text=_("Step-free access, parking, hearing loops, nearest transit stop..."),
    )

    panels = [
        FieldPanel("name"),
        MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldPanel("locality"),
                FieldPanel("region"),
                FieldPanel("postal_code"),
                FieldPanel("country"),
            ],
            heading=_("Address"),
        ),
        FieldPanel("map_url"),
        FieldPanel("accessibility"),
    ]

    class Meta:
        verbose_name = _("venue")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def address_line(self):
        """One line for listings and iCal LOCATION: "710 Olive Street, Saint Paul, MN"."""
        place = " ".join(part for part in (self.region, self.postal_code) if part)
        parts = [self.street_address, self.locality, place]
        return ", ".join(part for part in parts if part)

    @property
    def full_text(self):
        return ", ".join(part for part in (self.name, self.address_line) if part)

    def schema_place(self):
        return {
            "@type": "Place",
            "name": self.name,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": self.street_address,
                "addressLocality": self.locality,
                "addressRegion": self.region,
                "postalCode": self.postal_code,
                "addressCountry": self.country,
            },
        }
