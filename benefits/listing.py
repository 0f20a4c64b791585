"""The benefit index's listing: current offers or the archive, filtered by category.

It imports no model (BenefitIndexPage, which calls it, hands in its offers' and categories'
querysets), so the page module can call it without an import cycle.

Query-string values that name nothing (an unknown category or listing, a page number that is
not one or is past the end) are a 404, as in every listing (opeiu_site.core.listing)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opeiu_site.core.listing import FilterForm, SlugChoiceField, paginate_or_404

from .offers import closed_offers, current_offers, with_status

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


def index_context(index, request, *, offers, categories, now=None):
    """The listing's context; `offers` is the benefit pages' queryset, `categories` the
    benefit categories' (BenefitIndexPage.get_context hands them in)."""
    now = now if now is not None else timezone.now()
    shown = list(categories)  # the filter's links; spares the lookup
    filters = BenefitFilterForm(request.GET, categories=categories, known=shown).cleaned_or_404()
    show, category = filters["show"] or "current", filters["category"]
    if show == "closed":
        offers = closed_offers(offers, index, now=now, category=category)
    else:
        offers = current_offers(offers, index, now=now, category=category)
    page_obj = paginate_or_404(request, offers, PER_PAGE)
    return {
        "offers": with_status(page_obj.object_list, now),
        "page_obj": page_obj,
        "show": show,
        "categories": shown,
        "current_category": category,
        "now": now,
    }
