"""The benefit index's listing: current offers or the archive, filtered by category.

Query-string values that name nothing (an unknown category or listing, a page number that is
not one or is past the end) are a 404, as in every listing (opeiu_site.core.listing)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opeiu_site.core.listing import FilterForm, SlugChoiceField, paginate_or_404

from .models import BenefitCategory
from .queries import closed_offers, current_offers, with_status

PER_PAGE = 20


class BenefitFilterForm(FilterForm):
    show = forms.ChoiceField(
        choices=[("current", _("Current offers")), ("closed", _("Closed offers (archive)"))]
    )
    category = SlugChoiceField(BenefitCategory.objects.all())

    def __init__(self, params, *, categories=()):
        super().__init__(params)
        self.fields["category"].known = categories


def index_context(index, request, now=None):
    now = now if now is not None else timezone.now()
    categories = list(BenefitCategory.objects.all())  # the filter's links; spares the lookup
    filters = BenefitFilterForm(request.GET, categories=categories).cleaned_or_404()
    show, category = filters["show"] or "current", filters["category"]
    if show == "closed":
        offers = closed_offers(index, now=now, category=category)
    else:
        offers = current_offers(index, now=now, category=category)
    page_obj = paginate_or_404(request, offers, PER_PAGE)
    return {
        "offers": with_status(page_obj.object_list, now),
        "page_obj": page_obj,
        "show": show,
        "categories": categories,
        "current_category": category,
        "now": now,
    }
