"""Every private name of Wagtail, treebeard and Django that the site relies on, in one module.

The fast router (core.page_tree: a local's page in 9 queries where Wagtail takes 21) fills the
caches Wagtail and treebeard would otherwise fill with queries of their own, and for that it
reads and writes their private attributes. They are named here only, with what each is; no
other module touches them, and tests/core/test_wagtail_private.py checks that each one is
still read by the installed Wagtail, treebeard and Django (an upgrade that renames one fails
that test instead of silently costing the queries again, or routing wrongly).
"""

from wagtail.models import sites as _sites

# Site.find_for_request keeps the request's site here (and returns it without a query).
SITE_ON_REQUEST = "_wagtail_site"
# treebeard's MP_Node.get_parent keeps the parent here (and returns it without a query).
PARENT_OF_NODE = "_cached_parent_obj"
# A site setting keeps the request it was read for here (BaseSiteSetting.for_request), to
# build page URLs relative to it.
REQUEST_OF_SETTING = "_request"

# How wagtail.models.sites.get_site_for_hostname ranks the sites that match a hostname.
MATCH_HOSTNAME_PORT = _sites.MATCH_HOSTNAME_PORT
MATCH_HOSTNAME_DEFAULT = _sites.MATCH_HOSTNAME_DEFAULT
MATCH_DEFAULT = _sites.MATCH_DEFAULT
MATCH_HOSTNAME = _sites.MATCH_HOSTNAME


def has_site(request):
    """Whether Site.find_for_request has answered for this request already."""
    return hasattr(request, SITE_ON_REQUEST)


def site_of(request, default=None):
    """The site Site.find_for_request found for the request (`default` if it has not run)."""
    return getattr(request, SITE_ON_REQUEST, default)


def remember_site(request, site):
    """Leave `site` where Site.find_for_request looks first."""
    setattr(request, SITE_ON_REQUEST, site)


def raw_host(request):
    """The Host header as Site.find_for_request reads it (Django's private `_get_raw_host`:
    the host without ALLOWED_HOSTS validation, which Wagtail also uses)."""
    return request._get_raw_host()


def remember_site_settings(request, site_settings):
    """Leave a site setting read with its site where `SettingClass.for_request` looks first."""
    setattr(site_settings, REQUEST_OF_SETTING, request)
    setattr(request, site_settings.get_cache_attr_name(), site_settings)


def remember_parent(page, parent):
    """Give `page` its parent, so `page.get_parent()` runs no query."""
    setattr(page, PARENT_OF_NODE, parent)
