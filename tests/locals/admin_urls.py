"""Every URL pattern under /admin/, read from Django's URL resolver, and how to fill each one's
arguments with another section's objects.

`admin_url_patterns()` walks `get_resolver().url_patterns` recursively, so a view that a future
Wagtail release (or one of our apps) adds under /admin/ shows up here by itself.
`fill(pattern, foreign)` turns one pattern into concrete URLs aimed at `foreign` (a `Foreign`
from `admin_foreign.py`); a pattern with an argument that nothing here knows how to fill raises
`UnfillableURL` naming it, which fails the matrix test: teach the tables below about it.

To cover a new app, add its URL kwargs to `KWARGS` (or, for an ambiguous name such as `pk`,
a namespace prefix to `PK_BY_NAMESPACE`) and its snippets to `admin_foreign.SNIPPETS`.
"""

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

ADMIN_PREFIX = "admin/"


@dataclass(frozen=True)
class AdminURL:
    route: str  # the joined route, e.g. "admin/pages/<int:page_id>/edit/"
    name: str  # the namespaced name, e.g. "wagtailadmin_pages:edit" ("" when unnamed)
    pattern: URLPattern

    @property
    def kwargs(self):
        """The names of the arguments this pattern captures, in order."""
        return _kwarg_names(self.route)


class UnfillableURL(Exception):
    pass


def _walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), inner)
        else:
            name = entry.name or ""
            if name and namespace:
                name = f"{namespace}:{name}"
            yield AdminURL(prefix + str(entry.pattern), name, entry)


def admin_url_patterns():
    """Every URL pattern whose route starts under /admin/, once per route: an unnamed pattern
    that shadows a named one (locals/admin_urls.py overriding a Wagtail view) is requested
    under the named one's name, since the same path reaches it."""
    urls = [
        url
        for url in _walk(get_resolver().url_patterns)
        if _plain(url.route).startswith(ADMIN_PREFIX)
    ]
    named_routes = {url.route for url in urls if url.name}
    return [url for url in urls if url.name or url.route not in named_routes]


def _plain(route):
    return route.replace("^", "").replace("$", "")


_PATH_ARG = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>\w+)>")
_REGEX_ARG = re.compile(r"\(\?P<(?P<name>\w+)>(?P<regex>[^)]*)\)")


def _kwarg_names(route):
    return [m["name"] for m in _PATH_ARG.finditer(route)] + [
        m["name"] for m in _REGEX_ARG.finditer(route)
    ]


def _build(route, values):
    """The concrete path for `route` with `values` substituted (path and regex syntax)."""
    path = _PATH_ARG.sub(lambda m: str(values[m["name"]]), route)
    path = _REGEX_ARG.sub(lambda m: str(values[m["name"]]), path)
    path = path.replace("\\.", ".").replace("^", "").replace("$", "")
    return "/" + path


# --- How to fill each argument: name -> function(foreign, url) returning a value -------------
# `foreign` holds one section's objects (Local 212's, or the International's).


def _page(foreign, url):
    if url.name.startswith("wagtailforms:"):
        return foreign.form_page.pk
    return foreign.draft_page.pk


def _snippet(foreign, url):
    # "wagtailsnippets_<app>_<model>:edit" and "wagtailsnippetchoosers_<app>_<model>:chosen"
    namespace = url.name.split(":")[0]
    label = namespace.split("_", 1)[1]
    snippet = foreign.snippets.get(label)
    if snippet is None:
        raise UnfillableURL(f"{url.name}: no foreign {label} in admin_foreign.SNIPPETS")
    return snippet.pk


# `pk` means a different model in each namespace: the longest matching prefix wins.
PK_BY_NAMESPACE = {
    "wagtailadmin_api:pages": _page,
    "wagtailadmin_pages:revisions_compare": _page,
    "wagtailadmin_api:images": lambda f, u: f.image.pk,
    "wagtailadmin_api:documents": lambda f, u: f.document.pk,
    "wagtailadmin_collections": lambda f, u: f.collection.pk,
    "wagtailadmin_workflows:edit_task": lambda f, u: f.task.pk,
    "wagtailadmin_workflows:disable_task": lambda f, u: f.task.pk,
    "wagtailadmin_workflows:enable_task": lambda f, u: f.task.pk,
    "wagtailadmin_workflows": lambda f, u: f.workflow.pk,
    "wagtailsites": lambda f, u: f.site.pk,
    "wagtailsettings": lambda f, u: f.site.pk,
    "wagtailusers_users": lambda f, u: f.user.pk,
    "wagtailusers_groups": lambda f, u: f.group.pk,
    "wagtailimages_chooser": lambda f, u: f.image.pk,
    "wagtaildocs_chooser": lambda f, u: f.document.pk,
    "wagtailsnippets_": _snippet,
    "wagtailsnippetchoosers_": _snippet,
}


def _pk(foreign, url):
    for prefix in sorted(PK_BY_NAMESPACE, key=len, reverse=True):
        if url.name.startswith(prefix):
            return PK_BY_NAMESPACE[prefix](foreign, url)
    raise UnfillableURL(f"{url.name or url.route}: which model is 'pk'? (PK_BY_NAMESPACE)")


# Arguments naming a model: (app, model) per namespace; the default is a page type.
MODEL_BY_NAME = {
    "wagtailadmin_tag_model_autocomplete": ("taggit", "tag"),
    "wagtailsettings": ("core", "sitesettings"),
    "wagtail_bulk_action": ("wagtailcore", "page"),
    "wagtailadmin_workflows:add_task": ("wagtailcore", "groupapprovaltask"),
    "wagtailadmin_editing_sessions:ping": ("wagtailcore", "page"),
}


def _model_part(part):
    def fill(foreign, url):
        app, model = MODEL_BY_NAME.get(url.name, ("home", "standardpage"))
        return app if part == "app" else model

    return fill


KWARGS = {
    # pages
    "page_id": _page,
    "parent_page_id": _page,
    "page_to_move_id": _page,
    "destination_id": lambda f, u: f.section_root.pk,
    "page_pk": _page,
    "calendar_id": lambda f, u: f.calendar.pk,
    "import_id": lambda f, u: f.calendar_import.pk,
    "calendar_entry_id": lambda f, u: f.event.pk,  # registrations: an event with a registrant
    "revision_id": lambda f, u: f.draft_page.latest_revision_id,
    "revision_id_a": lambda f, u: "earliest",
    "revision_id_b": lambda f, u: "latest",
    "workflow_state_id": lambda f, u: f.workflow_state.pk,
    "task_state_id": lambda f, u: f.task_state.pk,
    "task_id": lambda f, u: f.task.pk,
    "workflow_pk": lambda f, u: f.workflow.pk,
    "action_name": lambda f, u: "approve" if "workflow" in u.name else "publish",
    "object_id": lambda f, u: f.draft_page.pk,
    "session_id": lambda f, u: f.editing_session.pk,
    # media
    "image_id": lambda f, u: f.image.pk,
    "document_id": lambda f, u: f.document.pk,
    "doc_id": lambda f, u: f.document.pk,
    "uploaded_file_id": lambda f, u: (
        f.uploaded_image.pk if "images" in u.name else f.uploaded_document.pk
    ),
    "filter_spec": lambda f, u: "fill-100x100",
    "collection_id": lambda f, u: f.collection.pk,
    # everything else
    "redirect_id": lambda f, u: f.redirect.pk,
    "query_id": lambda f, u: f.search_query.pk,
    "pk": _pk,
    "content_type_app_name": _model_part("app"),
    "content_type_model_name": _model_part("model"),
    "app_label": _model_part("app"),
    "model_name": _model_part("model"),
    "app_name": _model_part("app"),
    "action": lambda f, u: "delete",
    # the members app's roster (/admin/roster/): the International has none, so 0
    "local_id": lambda f, u: f.section_root.pk,
    "entry_id": lambda f, u: f.roster["entry"].pk if f.roster else 0,
    "token": lambda f, u: f.roster["upload"].token if f.roster else "none",
    "request_id": lambda f, u: f.roster["request"].pk if f.roster else 0,
    # alerts (admin_foreign.OWNED_OBJECTS)
    "list_id": lambda f, u: f.snippets["alerts_mailinglist"].pk,
    "notice_id": lambda f, u: f.snippets["alerts_notice"].pk,
    "alert_id": lambda f, u: f.snippets["alerts_actionalert"].pk,
}


def fill(url, foreign):
    """The concrete path of `url` aimed at `foreign`'s objects."""
    values = {}
    for name in url.kwargs:
        filler = KWARGS.get(name)
        if filler is None:
            raise UnfillableURL(f"{url.name or url.route}: no filler for argument {name!r}")
        values[name] = filler(foreign, url)
    return _build(url.route, values)
