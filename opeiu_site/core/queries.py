"""Live and public: the one filter every public listing, feed and section applies to pages.

A page is public when no view restriction (password, login, groups) sits on it or on one of
its ancestors. Wagtail's `PageQuerySet.public()` finds that out with an extra query that loads
every restriction of the site; here it is a correlated `NOT EXISTS` inside the listing's own
query (a restriction's page path is a prefix of the row's page path: treebeard paths), so a
listing costs no more queries with it than without it.

    NewsPage.objects.filter(live_public())                      pages
    Occurrence.objects.filter(live_public("page__"))            rows that point at a page
    NewsPage.objects.filter(live_public(passed=index))          a listing rendered by `index`

`passed` is the page being served: Wagtail has already asked the visitor for the password or
login of that page and its ancestors before it renders, so their restrictions do not hide
anything from its own listing (a members-only news section still lists its posts to members).
Restrictions anywhere else (on a listed page, or on an ancestor the visitor did not pass
through) hide the row.
"""

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from wagtail.models import Page, PageViewRestriction


def ancestor_paths(page):
    """The tree paths of `page` and all its ancestors (no query)."""
    return [page.path[:end] for end in range(Page.steplen, len(page.path) + 1, Page.steplen)]


def restricted(prefix="", passed=None):
    """True for rows whose page (reached through `prefix`, e.g. "page__") is under a view
    restriction, other than those on `passed` and its ancestors."""
    restrictions = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef(f"{prefix}path"), 1, Length("page__path"))
    )
    if passed is not None:
        restrictions = restrictions.exclude(page__path__in=ancestor_paths(passed))
    return Exists(restrictions)


def live_public(prefix="", passed=None):
    """A filter for rows whose page (through `prefix`) is live and public (see the module)."""
    return Q(**{f"{prefix}live": True}) & ~restricted(prefix, passed)
