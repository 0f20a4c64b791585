"""The pages around a public request, fetched in one query, and each section's index pages.

Wagtail routes a URL one level at a time (the child, then its specific row: two queries per
level), then checks view restrictions (two more), the breadcrumbs fetch the ancestors again
and the main menu the site root's children. `route` below fetches all of them in one query:

- every page under the site root whose `url_path` is a prefix of the requested one,
- the site root and its ancestors (the whole chain, for view restrictions and breadcrumbs),
- the site root's live children that are in the menu or are section indexes,

each annotated with whether it carries a view restriction. `BasePage.route` walks that list
instead of querying, and loads a page's specific row only where its class routes by itself
(feeds, calendar views) or where it is the page served. Nothing is kept between requests.

A *section index* is a page class with `section_index = True` (news index, calendar, benefit
index): composers (the home page, a local's page) find a section's indexes with
`section_indexes(section, Model)`, one query per section per request.
"""

from django.db.models import Case, Exists, IntegerField, OuterRef, Q, When
from django.http import Http404
from django.http.request import split_domain_port
from wagtail.models import Page, PageViewRestriction, Site

from . import wagtail_private as private
from .queries import live_public
from .tree_paths import STEP, ancestor_paths

REQUEST_ATTRIBUTE = "_opeiu_page_tree"


def section_index_content_types():
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import get_page_models

    models = [model for model in get_page_models() if getattr(model, "section_index", False)]
    return list(ContentType.objects.get_for_models(*models).values())


def _with_restriction_flag(queryset):
    return queryset.annotate(
        has_view_restriction=Exists(PageViewRestriction.objects.filter(page_id=OuterRef("pk")))
    )


class PageTree:
    """What one query told about the pages around the request (base `Page` rows)."""

    def __init__(self, root, pages):
        self.root = root
        self.by_path = {page.path: page for page in pages}
        self.by_url_path = {
            page.url_path: page for page in pages if page.path.startswith(root.path)
        }
        root_children = [
            page
            for page in pages
            if page.depth == root.depth + 1 and page.path.startswith(root.path) and page.live
        ]
        # The main menu lists only pages anyone may open (a members-only page in the menu
        # would show its title to everyone and send them to a login).
        self.menu = [
            page for page in root_children if page.show_in_menus and self.is_unrestricted(page)
        ]
        index_types = {content_type.pk for content_type in section_index_content_types()}
        self.root_indexes = [page for page in root_children if page.content_type_id in index_types]

    def child(self, page, slug):
        child = self.by_url_path.get(f"{page.url_path}{slug}/")
        if child is None or child.path[:-STEP] != page.path:
            return None
        return child

    def ancestors(self, page):
        """The page's ancestors from the tree root down, or None if one is not known here."""
        chain = [self.by_path.get(path) for path in ancestor_paths(page.path)]
        return None if None in chain else chain

    def is_unrestricted(self, page):
        """True when neither the page nor an ancestor has a view restriction (and none of them
        is an alias, whose restrictions are its source's); False when unknown or restricted."""
        chain = self.ancestors(page)
        if chain is None or self.by_path.get(page.path) is None:
            return False
        chain = [*chain, self.by_path[page.path]]
        return not any(node.has_view_restriction or node.alias_of_id for node in chain)

    def known(self, path):
        return self.by_path.get(path)


def _is_a(page, model):
    """Whether a base row is a page of `model` (from its content type, without a query)."""
    return issubclass(page.specific_class or Page, model)


def for_request(request):
    return getattr(request, REQUEST_ATTRIBUTE, None) if request is not None else None


def known_live(request, path, model):
    """The live, public page of `model` at `path` if this request's tree holds it (base row),
    else None (the caller queries, with `core.queries.live_public`)."""
    tree = for_request(request)
    page = tree.known(path) if tree is not None else None
    if page is None or not page.live or not _is_a(page, model) or not tree.is_unrestricted(page):
        return None
    return page


def known_live_by_id(request, ids):
    """{id: page} of the live, public pages among `ids` that this request's tree holds."""
    tree = for_request(request)
    if tree is None:
        return {}
    return {
        page.pk: page
        for page in tree.by_path.values()
        if page.pk in ids and page.live and tree.is_unrestricted(page)
    }


def _fetch(site, components):
    root = site.root_page
    url_paths = []
    prefix = root.url_path
    for component in components:
        prefix += component + "/"
        url_paths.append(prefix)
    index_types = section_index_content_types()
    root_children = Q(path__startswith=root.path, depth=root.depth + 1, live=True) & (
        Q(show_in_menus=True) | Q(content_type__in=index_types)
    )
    along_the_path = Q(path__startswith=root.path, url_path__in=url_paths)
    chain = Q(path__in=[*ancestor_paths(root.path), root.path])
    return list(_with_restriction_flag(Page.objects.filter(chain | along_the_path | root_children)))


def find_site(request):
    """Wagtail's `Site.find_for_request`, with the site's settings (core.SiteSettings) read in
    the same query and left where `SiteSettings.for_request` looks for them."""
    if private.has_site(request):
        return private.site_of(request)
    hostname = split_domain_port(private.raw_host(request))[0]
    site = _site_for_hostname(hostname, request.get_port())
    private.remember_site(request, site)
    site_settings = getattr(site, "sitesettings", None) if site is not None else None
    if site_settings is not None:
        private.remember_site_settings(request, site_settings)
    return site


def _site_for_hostname(hostname, port):
    """wagtail.models.sites.get_site_for_hostname (same matching rules), with the settings
    joined; None when no site matches."""
    sites = list(
        Site.objects.annotate(
            match=Case(
                When(hostname=hostname, port=port, then=private.MATCH_HOSTNAME_PORT),
                When(
                    hostname=hostname,
                    is_default_site=True,
                    then=private.MATCH_HOSTNAME_DEFAULT,
                ),
                When(is_default_site=True, then=private.MATCH_DEFAULT),
                default=private.MATCH_HOSTNAME,
                output_field=IntegerField(),
            )
        )
        .filter(Q(hostname=hostname) | Q(is_default_site=True))
        .order_by("match")
        .select_related("root_page", "sitesettings")
    )
    if not sites:
        return None
    exact = (private.MATCH_HOSTNAME_PORT, private.MATCH_HOSTNAME_DEFAULT)
    if len(sites) == 1 or sites[0].match in exact:
        return sites[0]
    if sites[0].match == private.MATCH_DEFAULT:
        return sites[len(sites) == 2]
    return None  # several sites on this hostname, none on this port, and no default


def route(request, path):
    """Wagtail's `Page.route_for_request`, in a fixed number of queries (see the module)."""
    site = find_site(request)
    if site is None:
        return None
    components = [component for component in path.split("/") if component]
    tree = PageTree(site.root_page, _fetch(site, components))
    setattr(request, REQUEST_ATTRIBUTE, tree)
    root = tree.known(site.root_page.path) or site.root_page
    try:
        return route_below(tree, root, request, components, start=True)
    except Http404:
        return None


def routes_only_to_children(route_method):
    """Mark a page class's `route` (BasePage's) as routing only to the page's children, which
    `route_below` then walks without loading each page's specific row."""
    route_method.routes_only_to_children = True
    return route_method


def has_own_routing(page_class):
    """Whether the class routes sub-paths itself (feeds, views) rather than only to children:
    its `route` is not one marked with `routes_only_to_children` (BasePage's)."""
    route_method = getattr(page_class, "route", None)
    return not getattr(route_method, "routes_only_to_children", False)


def _specific(tree, page):
    specific = page.specific
    specific._page_tree = tree
    return specific


def route_below(tree, page, request, components, start=False):
    """Route `components` from `page` (a base row of the tree): walk known children without
    queries; hand over to the specific page where it routes by itself or is the one served."""
    if start and (not components or has_own_routing(page.specific_class)):
        return _specific(tree, page).route(request, components)
    child = tree.child(page, components[0])
    if child is None:
        raise Http404
    private.remember_parent(child, page)
    rest = components[1:]
    if rest and not has_own_routing(child.specific_class):
        return route_below(tree, child, request, rest)
    return _specific(tree, child).route(request, rest)


def section_indexes(section, model):
    """The section's live, public child pages of `model` (a section index class), in tree
    order (restrictions on the section itself and above do not count: see
    `core.queries.live_public`), as
    base `Page` rows: enough for links and for the paths of what is under them. For the page
    being served, all index types of the section are fetched together, once per request (the
    site root's come with the routing query); any other instance queries each time."""
    tree = getattr(section, "_page_tree", None)
    cached = getattr(section, "_section_indexes", None)
    if cached is None:
        if tree is not None and section.pk == tree.root.pk:
            cached = [page for page in tree.root_indexes if not page.has_view_restriction]
        else:
            cached = list(
                Page.objects.child_of(section)
                .filter(live_public(passed=section))
                .filter(content_type__in=section_index_content_types())
                .order_by("path")
            )
        if tree is not None:  # a request's own instance: nothing can change under it
            section._section_indexes = cached
    return [page for page in cached if _is_a(page, model)]
