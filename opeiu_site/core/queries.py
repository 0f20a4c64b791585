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
from wagtail.models import Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet

from .tree_paths import ancestor_paths


def restricted(prefix="", passed=None):
    """True for rows whose page (reached through `prefix`, e.g. "page__") is under a view
    restriction, other than those on `passed` and its ancestors."""
    restrictions = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef(f"{prefix}path"), 1, Length("page__path"))
    )
    if passed is not None:
        restrictions = restrictions.exclude(
            page__path__in=ancestor_paths(passed.path, inclusive=True)
        )
    return Exists(restrictions)


def live_public(prefix="", passed=None):
    """A filter for rows whose page (through `prefix`) is live and public (see the module)."""
    return Q(**{f"{prefix}live": True}) & ~restricted(prefix, passed)


class PublicPageQuerySet(PageQuerySet):
    """The queryset of every BasePage type (`BasePage.objects`): Wagtail's PageQuerySet plus
    what the public site asks of pages, and the cache tags of what it reads.

        NewsPage.objects.live_public().in_section(local).listed("news", local)[:5]

    After `listed(kind, section)`, reading the rows (iterating, slicing, `first()`, a
    paginator's page) declares the listing's tag (`<kind>-<section>`, or `<kind>-tree-<path>`
    with `tree=True`), which a page of that kind published in that section purges
    (BasePage.listing_kind), and each row's `page-<id>`; `count()` and `exists()` declare the
    listing's tag (the number changes with the listing). A queryset that is not `listed()`
    declares nothing: Wagtail's own reads (`.specific()` fetches each type's rows through this
    queryset, the sitemap reads every page) must not put a tag per page on a response."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._listing_tags = ()

    def _clone(self):
        clone = super()._clone()
        clone._listing_tags = self._listing_tags
        return clone

    def live_public(self, passed=None, *, searchable=False):
        """Live pages with no view restriction on them or above (but those of `passed`, the
        page being served: see `live_public()` above), in the same query; or (`searchable`)
        in the form Wagtail's search backends can filter on (`.live().public()`, one more
        query: they take only plain field filters)."""
        if searchable:
            return self.live().public()
        return self.filter(live_public(passed=passed))

    def in_section(self, section):
        """The pages of `section` (a section root: the International's home page, a local's
        page) below it, not those of the sections under it (a local's, for the International):
        one NOT EXISTS in the same query."""
        from .sections import local_section_models

        inner_roots = Page.objects.filter(
            content_type__in=_content_types(local_section_models()),
            depth__gt=section.depth,
            path=Substr(OuterRef("path"), 1, Length("path")),
        )
        return self.filter(path__startswith=section.path, depth__gt=section.depth).exclude(
            Exists(inner_roots)
        )

    def listed(self, kind, section, tree=False):
        """This queryset is `section`'s listing of `kind`: reading it declares that tag."""
        from . import cache_tags

        tag = cache_tags.tree(kind, section.path) if tree else cache_tags.listing(kind, section)
        clone = self._chain()
        clone._listing_tags = (*self._listing_tags, tag)
        return clone

    def _declare(self, rows=()):
        from . import cache_tags

        if self._listing_tags:
            cache_tags.add(*self._listing_tags, *(cache_tags.page(row) for row in rows))

    def _fetch_all(self):
        fetched = self._result_cache is None
        super()._fetch_all()
        if fetched and self._listing_tags:
            self._declare(row for row in self._result_cache if isinstance(row, Page))

    def count(self):
        self._declare()
        return super().count()

    def exists(self):
        self._declare()
        return super().exists()


def _content_types(models):
    from django.contrib.contenttypes.models import ContentType

    return [ContentType.objects.get_for_model(model).pk for model in models]


PublicPageManager = PageManager.from_queryset(PublicPageQuerySet)
