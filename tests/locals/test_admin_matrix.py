"""The isolation matrix: every URL registered under /admin/ (read from the URL resolver, so
whatever a future Wagtail release or one of our apps adds is included), aimed at Local 212's
and at the International's objects, requested by Local 12's editor with GET (plain and with
the query strings each view reads) and with an empty POST.

Each answer must be a refusal (403, 404, 400, 405, a redirect) or a page that names none of the
other section's private things (all marked "zephyr", see admin_foreign.py); no answer may be a
500, and no request may change the database. A URL whose arguments the tables in
admin_urls.py cannot fill fails the test with its name.
"""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.core.exceptions import FieldDoesNotExist
from django.urls import URLPattern, reverse
from wagtail.documents import get_document_model
from wagtail.fields import StreamField
from wagtail.models import Collection, Page, WorkflowPage, get_page_models

from locals.models import LocalAccess, LocalPage
from locals.provisioning import provision_international
from opeiu_site.core.forms import ReferenceCheckMixin

from .admin_foreign import MARKER, SNIPPETS, build_foreign
from .admin_references import (
    CHILD_DATA,
    DOCUMENT,
    INTERNATIONAL_ONLY,
    MINIMAL_DATA,
    REQUIRED_REFERENCES,
    block_references,
    build_targets,
    kind_of_field,
)
from .admin_urls import AdminURL, UnfillableURL, admin_url_patterns, fill
from .helpers import login_as_local_editor, login_as_local_moderator

pytestmark = pytest.mark.clock  # reads today's date (tests/clock.py)

# Safe by nature: not requested. Everything else under /admin/ is.
SAFE_BY_NATURE = {
    # Ends the acting user's own session; it names no object.
    "wagtailadmin_logout",
    # A deliberate 500, for trying the error page.
    "wagtailadmin_error_test",
    # Anonymous password-reset steps: a uid and token of the user's own e-mail, no object.
    "wagtailadmin_password_reset_confirm",
}

# Query strings each listing, search or chooser reads; every URL is also requested without.
QUERY = "quorum"  # a word in every foreign title (and in no marker-free page)


def _queries(url, foreign):
    section = foreign.section_root.pk
    by_name = {
        "wagtailadmin_api:pages:listing": [
            {"search": QUERY},
            {"child_of": section},
            {"descendant_of": section},
            {"child_of": "root", "for_explorer": "1"},
        ],
        "wagtailadmin_api:images:listing": [{"search": QUERY}],
        "wagtailadmin_api:documents:listing": [{"search": QUERY}],
        "wagtailadmin_api:pages:find": [{"html_path": "/"}],
        "wagtailadmin_tag_autocomplete": [{"term": "z"}, {"term": "zeph"}],
        "wagtailadmin_tag_model_autocomplete": [{"term": "z"}],
        "wagtail_bulk_action": [{"id": foreign.draft_page.pk}],
        "wagtailadmin_choose_page_search": [{"q": QUERY}],
        "wagtailadmin_choose_page_chosen_multiple": [{"id": foreign.draft_page.pk}],
        "opeiu_meetings:list": [{"section": section}, {"section": foreign.draft_page.pk}],
        "members_roster:list": [{"q": "zephyr"}, {"status": "active"}],
        "members_roster:export": [{"format": "csv"}, {"format": "xlsx"}],
        "registrations_export": [{"format": "csv"}, {"format": "xlsx"}],
        "registrations_checkin_link": [{"action": "create"}, {"action": "revoke"}],
        "registrations_questions": [
            {"action": "add", "label": "Zephyr?", "field_type": "singleline"},
            {"action": "delete"},
        ],
        "alerts_admin:lists": [{"q": QUERY}],
        "alerts_admin:subscribers": [{"q": QUERY}],
    }
    if url.name in by_name:
        return by_name[url.name]
    if url.name.endswith(("chosen_multiple", "chosen-multiple")):
        return [{"id": foreign.image.pk}, {"id": foreign.document.pk}]
    if url.name.endswith(("index", "index_results", "list", "list_results", "choose")):
        return [{"q": QUERY}]
    if url.name.endswith(("choose_results", "chooser_results", "search", "search_results")):
        return [{"q": QUERY}]
    if url.name.startswith("wagtailadmin_reports:"):
        return [{"q": QUERY}, {"export": "csv"}]
    return []


# Rows a request by the acting user may legitimately change: its own session, login time,
# profile, editing sessions and dashboard visit ("new since your last visit"), and the
# login-lockout log.
def _ignored_row(model, row, acting_user):
    label = model._meta.label
    if label in {
        "wagtailusers.UserProfile",
        "wagtailadmin.EditingSession",
        "locals.DashboardVisit",
    }:
        return row.get("user_id") == acting_user.pk
    if model is acting_user.__class__:
        return row["id"] == acting_user.pk
    return False


# Sessions change with every login; renditions are a cache of image sizes.
IGNORED_MODELS = {Session._meta.label, "wagtailimages.Rendition"}


def snapshot(acting_user):
    state = {}
    for model in apps.get_models():
        if model._meta.proxy or model._meta.label in IGNORED_MODELS:
            continue
        if model._meta.app_label == "axes":
            continue
        fields = [f.attname for f in model._meta.concrete_fields]
        rows = model._base_manager.order_by("pk").values(*fields)
        state[model._meta.label] = [
            row for row in rows if not _ignored_row(model, row, acting_user)
        ]
    return state


def _body(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def _flash_messages(response):
    """The messages a view queued for the next page (Wagtail says "The page '<title>' is not
    awaiting moderation" and redirects)."""
    storage = getattr(getattr(response, "wsgi_request", None), "_messages", None)
    return " ".join(str(m.message) for m in getattr(storage, "_queued_messages", []))


def _problem(response, what):
    """None if `response` is a refusal or shows nothing foreign, else why not."""
    messages = _flash_messages(response).lower()
    if MARKER.decode() in messages:
        return f"{what}: its message says {messages!r}"
    status = response.status_code
    if status >= 500:
        return f"{what}: {status}"
    if 300 <= status < 400:
        location = response.get("Location", "")
        return f"{what}: redirects to {location}" if "zephyr" in location.lower() else None
    if status in (400, 403, 404, 405):
        return None
    body = _body(response)
    at = body.lower().find(MARKER)
    if at >= 0:
        return f"{what}: {status} shows {body[max(0, at - 80) : at + 60]!r}"
    return None


def _request(client, method, path, data):
    try:
        if method == "get":
            return client.get(path, data)
        query = "&".join(f"{k}={v}" for k, v in data.items())
        return client.post(f"{path}?{query}" if query else path, {})
    except Exception as error:  # a view that crashes is a finding, not a test error
        return error


@pytest.fixture
def foreign(tree, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    provision_international(tree.home)
    # The locals directory, above every local, with a pending draft title: the explorer
    # shows it to each local's staff (its live title only).
    tree.index.title = "Zephyr locals quorum directory"
    tree.index.save_revision()
    access = LocalAccess.objects.get(local=tree.local212)
    international = build_foreign(
        "international",
        tree.home,
        Collection.get_first_root_node(),
        _group("Communications editors"),
        WorkflowPage.objects.get(page=tree.home).workflow,
        tree.international_page,
    )
    local212 = build_foreign(
        "212",
        tree.local212,
        access.collection,
        access.editors,
        access.workflow,
        tree.local212_page,
    )
    return [local212, international]


def _group(name):
    return Group.objects.get(name=name)


def test_every_admin_url_refuses_or_hides_other_sections(client, tree, foreign):
    user = login_as_local_editor(client, 12)
    problems = []
    urls = [url for url in admin_url_patterns() if url.name not in SAFE_BY_NATURE]
    assert len(urls) > 200, "the resolver walk found too few admin URLs"
    for url in urls:
        before = snapshot(user)
        for section in foreign:
            try:
                path = fill(url, section)
            except UnfillableURL as error:
                problems.append(str(error))
                break
            what = f"{url.name or url.route} [{section.label}] {path}"
            requests = [("get", {})] + [("get", q) for q in _queries(url, section)]
            requests += [("post", requests[-1][1] if len(requests) > 1 else {})]
            for method, data in requests:
                response = _request(client, method, path, data)
                label = f"{method.upper()} {what} {data or ''}"
                if isinstance(response, Exception):
                    problems.append(f"{label}: raised {response!r}")
                    continue
                problem = _problem(response, label)
                if problem:
                    problems.append(problem)
            client.force_login(user)  # in case a view logged the user out
        if snapshot(user) != before:
            problems.append(f"{url.name or url.route}: changed the database")
    assert not problems, "\n".join(problems)


def test_an_admin_url_nobody_taught_the_matrix_fails_it(tree, foreign):
    """A URL that a future Wagtail adds with a new kind of argument is not silently skipped."""
    url = AdminURL(
        "admin/novelty/<int:gizmo_id>/",
        "wagtailadmin_novelty:edit",
        URLPattern("novelty/<int:gizmo_id>/", lambda request: None),
    )
    with pytest.raises(UnfillableURL, match="wagtailadmin_novelty:edit.*gizmo_id"):
        fill(url, foreign[0])


def test_every_snippet_model_has_a_foreign_object():
    from wagtail.snippets.models import get_snippet_models

    registered = {f"{m._meta.app_label}_{m._meta.model_name}" for m in get_snippet_models()}
    assert registered <= set(SNIPPETS), (
        f"add to admin_foreign.SNIPPETS: {registered - set(SNIPPETS)}"
    )


# --- The reference matrix ---------------------------------------------------------------------
# Every page type's admin form x every field naming an object by ID (foreign keys, StreamField
# blocks, rich text, inline rows) x an object of another section: refused with a form error
# on that field, while the same form naming Local 12's own object is valid.


def _form_references(form):
    """(field label, kind, data builder, error lookup) for each reference field of `form`."""
    model = form._meta.model
    for name in form.fields:
        try:
            model_field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if isinstance(model_field, StreamField):
            for label, kind, build in block_references(name, model_field.stream_block):
                yield label, kind, build, lambda f, n=name: f.errors.get(n)
        elif model_field.many_to_one and (kind := kind_of_field(model_field)):
            yield name, kind, lambda pk, n=name: {n: str(pk)}, lambda f, n=name: f.errors.get(n)
    for relation, formset in form.formsets.items():
        if relation == "comments":
            continue
        child_model = formset.model
        for name in formset.empty_form.fields:
            try:
                model_field = child_model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if model_field.many_to_one and (kind := kind_of_field(model_field)):
                yield (
                    f"{relation}.{name}",
                    kind,
                    lambda pk, p=formset.prefix, n=name, r=relation: _one_row(p, r, {n: str(pk)}),
                    lambda f, r=relation, n=name: f.formsets[r].forms[0].errors.get(n),
                )


def _one_row(prefix, relation, values):
    row = {**CHILD_DATA.get(relation, {}), **values, "ORDER": "1", "id": "", "DELETE": ""}
    data = {f"{prefix}-TOTAL_FORMS": "1"}
    data.update({f"{prefix}-0-{key}": value for key, value in row.items()})
    return data


def _management_data(form):
    data = {f"{name}-count": "0" for name, field in form.fields.items() if _is_stream(form, name)}
    for formset in form.formsets.values():
        data.update(
            {
                f"{formset.prefix}-TOTAL_FORMS": "0",
                f"{formset.prefix}-INITIAL_FORMS": "0",
                f"{formset.prefix}-MIN_NUM_FORMS": "0",
                f"{formset.prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    return data


def _is_stream(form, name):
    try:
        return isinstance(form._meta.model._meta.get_field(name), StreamField)
    except FieldDoesNotExist:
        return False


def _form_for(model, targets, tree, user, data=None):
    form_class = model.get_edit_handler().get_form_class()
    if model is LocalPage:  # the editor edits their own local; nobody creates one under it
        instance, parent = tree.local12, tree.index
    else:
        parent = next(
            targets.parents[label]
            for label in (m._meta.label for m in model.allowed_parent_page_models())
            if label in targets.parents
        )
        instance = model()
    return form_class(data, instance=instance, parent_page=parent, for_user=user)


def _base_data(model, unbound, targets):
    label = model._meta.label
    assert label in MINIMAL_DATA, f"add {label} to admin_references.MINIMAL_DATA"
    slug = "local-12" if model is LocalPage else f"matrix-{model._meta.model_name}"
    required = REQUIRED_REFERENCES.get(label, {})
    return {
        "title": f"Matrix {label}",
        "slug": slug,
        **_management_data(unbound),
        **MINIMAL_DATA[label],
        **{name: str(targets.own[kind].pk) for name, kind in required.items()},
    }


def test_every_page_form_refuses_another_sections_objects(client, tree, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    targets = build_targets(tree)
    user = login_as_local_moderator(client, 12)
    models = [m for m in get_page_models() if m is not Page and not m._meta.abstract]
    before = (Page.objects.count(), _collections_of_documents())
    problems, checked = [], 0
    for model in models:
        label = model._meta.label
        if label in INTERNATIONAL_ONLY:
            assert not Page.objects.type(model).first() or not (
                Page.objects.type(model).first().permissions_for_user(user).can_edit()
            )
            continue
        assert issubclass(model.get_edit_handler().get_form_class(), ReferenceCheckMixin), label
        unbound = _form_for(model, targets, tree, user)
        base = _base_data(model, unbound, targets)
        base_form = _form_for(model, targets, tree, user, base)
        if not base_form.is_valid():
            problems.append(f"{label}: the minimal form is invalid: {_all_errors(base_form)}")
            continue
        for field_label, kind, build, errors in _form_references(unbound):
            # Naming Local 12's own object (or the International's public file) is accepted.
            accepted = [targets.own[kind]]
            if kind == DOCUMENT:
                accepted.append(targets.international_public_document)
            for own in accepted:
                control = _form_for(model, targets, tree, user, {**base, **build(own.pk)})
                if not control.is_valid():
                    problems.append(f"{label}.{field_label}: {own!r}: {_all_errors(control)}")
            for foreign in targets.foreign[kind]:
                form = _form_for(model, targets, tree, user, {**base, **build(foreign.pk)})
                checked += 1
                if form.is_valid() or not errors(form):
                    problems.append(f"{label}.{field_label}: accepted {foreign!r}")
    assert not problems, "\n".join(problems)
    assert checked > 40, "the matrix found too few reference fields"
    assert (Page.objects.count(), _collections_of_documents()) == before, "nothing saved or moved"


def _collections_of_documents():
    return dict(get_document_model().objects.values_list("pk", "collection_id"))


def _all_errors(form):
    errors = dict(form.errors)
    for relation, formset in form.formsets.items():
        if formset.non_form_errors():
            errors[relation] = formset.non_form_errors()
        errors.update(
            {f"{relation}[{i}]": f.errors for i, f in enumerate(formset.forms) if f.errors}
        )
    return errors


def test_no_form_or_confirmation_names_another_sections_things(client, tree, foreign):
    """What the matrix's plain requests do not reach: a bulk action's confirmation page for
    another local's files, a copy or "create under" form given another section's page as
    destination, a workflow preview of a page not in moderation (its flash message)."""
    login_as_local_editor(client, 12)
    own = tree.local12_page
    for section in foreign:
        for model, item in (
            ("wagtaildocs/document", section.document),
            ("wagtailimages/image", section.image),
        ):
            for action in ("delete", "add_to_collection", "add_tags"):
                response = client.get(f"/admin/bulk/{model}/{action}/", {"id": item.pk})
                assert _problem(response, f"bulk {action} {item!r}") is None
        for destination in (section.draft_page, section.section_root):
            response = client.post(
                reverse("wagtailadmin_pages:copy", args=[own.pk]),
                {"new_title": "Copy", "new_slug": "copy", "new_parent_page": destination.pk},
            )
            assert _problem(response, f"copy to {destination!r}") is None
            response = client.post(
                reverse("wagtailadmin_pages:choose_parent", args=["home", "standardpage"]),
                {"parent_page": destination.pk},
            )
            assert _problem(response, f"create under {destination!r}") is None
        response = client.get(
            reverse(
                "wagtailadmin_pages:workflow_preview",
                args=[section.section_root.pk, section.task.pk],
            )
        )
        assert _problem(response, "workflow preview") is None
    assert not Page.objects.filter(slug="copy").exists()
