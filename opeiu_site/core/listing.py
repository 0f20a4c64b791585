"""The one way a public listing reads its query string: every listing (news, calendars,
benefits, the locals directory, contracts, search) paginates with `paginate_or_404` and checks
slugs with `check_slug`.

The rule is the same everywhere: a value that does not name anything (a page number that is
not a positive whole number or is past the end, a slug with characters no slug has) is a 404,
so a shared link either shows what it says or is not found; it is never a 500 and never
silently another page.
"""

import re

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404

SLUG = re.compile(r"[-\w]{1,100}")


def check_slug(value):
    """Refuse what cannot be a slug before it reaches the database (PostgreSQL rejects NUL)."""
    if not SLUG.fullmatch(value):
        raise Http404("Not a slug")
    return value


def page_number(raw):
    """The page asked for: 1 when the parameter is absent or empty, else a positive integer."""
    if not raw:
        return 1
    if not raw.isascii() or not raw.isdigit() or int(raw) < 1:
        raise Http404("Not a page number")
    return int(raw)


def paginate_or_404(request, object_list, per_page, *, param="page"):
    """The requested page of `object_list` (a Django `Page`), or Http404.

    An empty list still has its page 1 (an empty listing is not a missing one)."""
    paginator = Paginator(object_list, per_page)
    try:
        return paginator.page(page_number(request.GET.get(param, "")))
    except InvalidPage as error:
        raise Http404("No such page") from error
