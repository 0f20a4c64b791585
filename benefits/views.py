"""The benefit index's listing: current offers or the archive, filtered by category.

Unknown filter values are a 404 (a link that never worked), a bad page number shows the
nearest page: neither is ever a server error."""

import re

from django.core.paginator import Paginator
from django.http import Http404
from django.utils import timezone

from .models import BenefitCategory
from .queries import closed_offers, current_offers, with_status

PER_PAGE = 20
SHOW_CHOICES = {"current", "closed"}


SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,100}\Z")


def _category(slug):
    if slug is None:
        return None
    # Checked before the query: PostgreSQL refuses NUL bytes with an error, not "no rows".
    category = BenefitCategory.objects.filter(slug=slug).first() if SLUG.match(slug) else None
    if category is None:
        raise Http404("No such benefit category")
    return category


def index_context(index, request, now=None):
    now = now if now is not None else timezone.now()
    show = request.GET.get("show", "current")
    if show not in SHOW_CHOICES:
        raise Http404("No such listing")
    category = _category(request.GET.get("category"))
    if show == "closed":
        offers = closed_offers(index, now=now, category=category)
    else:
        offers = current_offers(index, now=now, category=category)
    page_obj = Paginator(offers, PER_PAGE).get_page(request.GET.get("page"))
    return {
        "offers": with_status(page_obj.object_list, now),
        "page_obj": page_obj,
        "show": show,
        "categories": BenefitCategory.objects.all(),
        "current_category": category,
        "now": now,
    }
