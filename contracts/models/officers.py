"""A section's officers and staff: one "Officers and staff" page, shown on the local's page.

A page under the local (rather than fields on LocalPage in locals/) so that the local's own
editors maintain it under the same subtree permissions and approval workflow as everything
else here, and so locals/ only calls a query helper to show it.
"""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable

from opeiu_site.core.forms import BasePageForm
from opeiu_site.core.models import BasePage

from .. import sections
from .contacts import PublishableContact


class OfficerKind(models.TextChoices):
    OFFICER = "officer", _("Elected officer")
    STAFF = "staff", _("Staff")


class OfficersPageForm(BasePageForm):
    """A photo needs alt text: typed here, or the image's own description."""

    def clean(self):
        cleaned = super().clean()
        for form in self.formsets["people"].forms:
            if not form.is_valid() or form.cleaned_data.get("DELETE"):
                continue
            photo = form.cleaned_data.get("photo")
            if photo and not form.cleaned_data.get("photo_alt") and not photo.description:
                form.add_error(
                    "photo_alt",
                    forms.ValidationError(_("Describe the photo for people who cannot see it.")),
                )
        return cleaned


class OfficersPage(BasePage):
    section_index = True  # found by its section's composers (core.page_tree)
    listing_kind = sections.LISTING_KIND  # its section's contracts
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        InlinePanel("people", label=_("Officers and staff")),
    ]

    base_form_class = OfficersPageForm
    parent_page_types = ["home.HomePage", "locals.LocalPage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "contracts/officers_page.html"
    search_type_filter = False

    class Meta:
        verbose_name = _("officers and staff")
        verbose_name_plural = _("officers and staff pages")

    def get_context(self, request, *args, **kwargs):
        sections.declare(self)
        context = super().get_context(request, *args, **kwargs)
        people = list(self.people.select_related("photo"))
        context["officers"] = [p for p in people if p.kind == OfficerKind.OFFICER]
        context["staff"] = [p for p in people if p.kind == OfficerKind.STAFF]
        return context


class Officer(PublishableContact, Orderable):
    page = ParentalKey(OfficersPage, on_delete=models.CASCADE, related_name="people")
    kind = models.CharField(
        _("kind"), max_length=10, choices=OfficerKind.choices, default=OfficerKind.OFFICER
    )
    role = models.CharField(_("role"), max_length=255, help_text=_("e.g. President."))
    name = models.CharField(_("name"), max_length=255)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    photo_alt = models.CharField(_("photo alt text"), max_length=255, blank=True)
    term = models.CharField(_("term"), max_length=100, blank=True, help_text=_("e.g. 2024–2027."))

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("role")]),
        FieldRowPanel([FieldPanel("name"), FieldPanel("term")]),
        FieldRowPanel([FieldPanel("photo"), FieldPanel("photo_alt")]),
        PublishableContact.contact_panel,
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("officer or staff member")
        verbose_name_plural = _("officers and staff")

    def __str__(self):
        return f"{self.role}: {self.name}"

    @property
    def photo_alt_text(self):
        if self.photo is None:
            return ""
        return self.photo_alt or self.photo.default_alt_text
