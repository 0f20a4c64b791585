"""The filter forms of the contracts pages' listings (the contracts index, a document library,
"Find my steward") and their sizes: what a query string may say, anything that names nothing
being a 404 (core.listing.FilterForm). The listings themselves are on the pages
(contracts.models.index, contracts.models.library)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from opeiu_site.core.listing import FilterForm, SearchWordsField, WholeNumberField

from .choices import ContractStatus, DocumentKind

EXPIRING_DAYS = 90
CONTRACTS_PER_PAGE = 50
DOCUMENTS_PER_PAGE = 30
MAX_EMPLOYERS_SHOWN = 20
STEWARDS_PATH = "stewards/"  # "Find my steward", a route of the contracts index


class ContractFilterForm(FilterForm):
    q = SearchWordsField(label=_("Search contracts"))
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any status"))] + ContractStatus.choices
    )
    expiring = forms.ChoiceField(
        label=_("Expiry"),
        choices=[("", _("Any date")), (str(EXPIRING_DAYS), _("Expiring within 90 days"))],
    )


class LibraryFilterForm(FilterForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", _("All kinds"))] + DocumentKind.choices)
    year = WholeNumberField(label=_("Year"), min_value=1900, max_value=2999)


class StewardFinderForm(FilterForm):
    employer = forms.ChoiceField(label=_("Your employer"))
    q = SearchWordsField(label=_("Or type its name, a worksite or a city"))

    def __init__(self, *args, employers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer"].choices = [("", _("Choose your employer"))] + [
            (employer.slug, employer.title) for employer in employers
        ]
