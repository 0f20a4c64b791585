"""Personal contact details that stay private unless the person agreed to publish them."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel


class PublishableContact(models.Model):
    """An email and a phone, each with a "show publicly" switch that is off by default.
    Templates use only `public_email` and `public_phone`, so a private contact never reaches
    a public page; search indexes none of these fields."""

    email = models.EmailField(_("email"), blank=True)
    show_email = models.BooleanField(_("show email publicly"), default=False)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    show_phone = models.BooleanField(_("show phone publicly"), default=False)

    contact_panel = MultiFieldPanel(
        [
            FieldRowPanel([FieldPanel("email"), FieldPanel("show_email")]),
            FieldRowPanel([FieldPanel("phone"), FieldPanel("show_phone")]),
        ],
        heading=_("Contact (private unless shown publicly)"),
    )

    class Meta:
        abstract = True

    @property
    def public_email(self):
        return self.email if self.show_email else ""

    @property
    def public_phone(self):
        return self.phone if self.show_phone else ""
