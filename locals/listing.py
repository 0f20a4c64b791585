"""The locals directory's filter form: what its query string may say (an unknown value is a
404, core.listing.FilterForm). The directory's queries are methods of `LocalPage.objects`
(locals.models.LocalPageQuerySet)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from opeiu_site.core.listing import FilterForm

from .choices import LocalKind
from .regions import REGION_NAMES, Country


class DirectoryFilterForm(FilterForm):
    """The directory's GET form; also validates hand-edited query strings."""

    q = forms.CharField(label=_("Number, name or place"), required=False, max_length=100)
    state = forms.ChoiceField(label=_("State or province"), required=False)
    country = forms.ChoiceField(
        label=_("Country"), required=False, choices=[("", _("All"))] + Country.choices
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All"))] + LocalKind.choices
    )

    def __init__(self, *args, regions=(), **kwargs):
        super().__init__(*args, **kwargs)
        # Offer the regions that have a local, but accept any real code in a shared link.
        offered = [(code, REGION_NAMES[code]) for code in regions if code in REGION_NAMES]
        offered.sort(key=lambda item: item[1])
        self.fields["state"].choices = [("", _("All"))] + offered
        self.fields["state"].valid_value = lambda value: value in REGION_NAMES

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].split())
