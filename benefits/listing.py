"""The benefit index's filter form: current offers or the archive, filtered by category.

Query-string values that name nothing (an unknown category or listing, a page number that is
not one or is past the end) are a 404, as in every listing (opeiu_site.core.listing). The
listing itself is BenefitIndexPage.get_context, on the offers' queryset."""

from django import forms
from django.utils.translation import gettext_lazy as _

from opeiu_site.core.listing import FilterForm, SlugChoiceField

PER_PAGE = 20


class BenefitFilterForm(FilterForm):
    show = forms.ChoiceField(
        choices=[("current", _("Current offers")), ("closed", _("Closed offers (archive)"))]
    )
    category = SlugChoiceField(None)  # the page's category queryset, set in __init__

    def __init__(self, params, *, categories, known=()):
        super().__init__(params)
        self.fields["category"].queryset = categories
        self.fields["category"].known = known
