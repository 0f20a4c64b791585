"""A local's staff can touch only their own local: every admin action on another local's pages
or the International's is refused and changes nothing. Modelled on Wagtail's own permission
tests (wagtail/admin/tests/pages/): real views, real POSTs, the database checked afterwards."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction, Revision, WorkflowState

from opeiu_site.core.models import SiteSettings
from opeiu_site.home.models import StandardPage

from .helpers import login_as_local_editor, login_as_local_moderator

TARGETS = ["local212_page", "local212", "international_page", "home"]


def snapshot():
    """Everything a refused request could have changed."""
    return {
        "pages": list(
            Page.objects.order_by("pk").values_list(
                "pk",
                "title",
                "slug",
                "path",
                "url_path",
                "live",
                "has_unpublished_changes",
                "latest_revision_id",
                "live_revision_id",
                "locked",
                "numchild",
            )
        ),
        "revisions": Revision.objects.count(),
        "workflow_states": WorkflowState.objects.count(),
        "restrictions": PageViewRestriction.objects.count(),
    }


def assert_refused(response):
    """403, 404, or Wagtail's "permission denied" redirect to the admin dashboard."""
    if response.status_code == 302:
        assert response.url == reverse("wagtailadmin_home"), response.url
    else:
        assert response.status_code in (403, 404), response.status_code


def page_form_data(page, **extra):
    return {"title": "Taken over", "slug": page.slug, "intro": "", "body-count": "0", **extra}


def _copy_data(destination):
    return {
        "new_title": "Copied",
        "new_slug": "copied",
        "new_parent_page": destination.pk,
        "copy_subpages": "on",
        "publish_copies": "on",
    }


# (method, url, data) for an action on `page`; `own` is a page of Local 12.
ACTIONS = {
    "edit": lambda p, own: ("get", reverse("wagtailadmin_pages:edit", args=[p.pk]), None),
    "edit_post_draft": lambda p, own: (
        "post",
        reverse("wagtailadmin_pages:edit", args=[p.pk]),
        page_form_data(p),
    ),
    "edit_post_publish": lambda p, own: (
        "post",
        reverse("wagtailadmin_pages:edit", args=[p.pk]),
        page_form_data(p, **{"action-publish": "action-publish"}),
    ),
    "edit_post_submit": lambda p, own: (
        "post",
        reverse("wagtailadmin_pages:edit", args=[p.pk]),
        page_form_data(p, **{"action-submit": "action-submit"}),
    ),
    "unpublish_get": lambda p, own: (
        "get",
        reverse("wagtailadmin_pages:unpublish", args=[p.pk]),
        None,
    ),
    "unpublish_post": lambda p, own: (
        "post",
        reverse("wagtailadmin_pages:unpublish", args=[p.pk]),
        {"include_descendants": "on"},
    ),
    "preview_get": lambda p, own: (
        "get",
        reverse("wagtailadmin_pages:preview_on_edit", args=[p.pk]),
        None,
    ),
    "preview_post": lambda p, own: (
        "post",
        reverse("wagtailadmin_pages:preview_on_edit", args=[p.pk]),
        page_form_data(p),
    ),
    "view_draft": lambda p, own: (
        "get",
        reverse("wagtailadmin_pages:view_draft", args=[p.pk]),
        None,
    ),
    "history": lambda p, own: ("get", reverse("wagtailadmin_pages:history", args=[p.pk]), None),
    "revisions_view": lambda p, own: (
        "get",
        reverse("wagtailadmin_pages:revisions_view", args=[p.pk, p.latest_revision_id]),
        None,
    ),
    "revisions_revert": lambda p, own: (
        "get",
        reverse("wagtailadmin_pages:revisions_revert", args=[p.pk, p.latest_revision_id]),
        None,
    ),
    "revisions_compare": lambda p, own: (
        "get",
        reverse("wagtailadmin_pages:revisions_compare", args=[p.pk, "earliest", "latest"]),
        None,
    ),
    "copy_get": lambda p, own: ("get", reverse("wagtailadmin_pages:copy", args=[p.pk]), None),
    "copy_into_own_local": lambda p, own: (
        "post",
        reverse("wagtailadmin_pages:copy", args=[p.pk]),
        _copy_data(own),
    ),
    "copy_own_page_into_it": lambda p, own: (
        "post",
        reverse("wagtailadmin_pages:copy", args=[own.pk]),
        _copy_data(p),
    ),
    "move_get": lambda p, own: ("get", reverse("wagtailadmin_pages:move", args=[p.pk]), None),
    "move_into_own_local": lambda p, own: (
        "post",
        reverse("wagtailadmin_pages:move_confirm", args=[p.pk, own.pk]),
        {},
    ),
    "move_own_page_into_it": lambda p, own: (
        "post",
        reverse("wagtailadmin_pages:move_confirm", args=[own.pk, p.pk]),
        {},
    ),
    "set_position": lambda p, own: (
        "post",
        reverse("wagtailadmin_pages:set_page_position", args=[p.pk]) + "?position=0",
        {},
    ),
    "delete_get": lambda p, own: ("get", reverse("wagtailadmin_pages:delete", args=[p.pk]), None),
    "delete_post": lambda p, own: (
        "post",
        reverse("wagtailadmin_pages:delete", args=[p.pk]),
        {},
    ),
    "lock": lambda p, own: ("post", reverse("wagtailadmin_pages:lock", args=[p.pk]), {}),
    "unlock": lambda p, own: ("post", reverse("wagtailadmin_pages:unlock", args=[p.pk]), {}),
    "privacy_post": lambda p, own: (
        "post",
        reverse("wagtailadmin_pages:set_privacy", args=[p.pk]),
        {"restriction_type": "password", "password": "secret-password"},
    ),
    "add_subpage_get": lambda p, own: (
        "get",
        reverse("wagtailadmin_pages:add", args=["home", "standardpage", p.pk]),
        None,
    ),
    "add_subpage_post": lambda p, own: (
        "post",
        reverse("wagtailadmin_pages:add", args=["home", "standardpage", p.pk]),
        {**page_form_data(p), "slug": "planted", "action-publish": "action-publish"},
    ),
}


# Actions on Local 12's own page that aim at another section: the form may come back with the
# destination refused instead of a redirect.
OWN_PAGE_ACTIONS = {"copy_own_page_into_it", "move_own_page_into_it"}


@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_local_editor_is_refused_on_other_sections_pages(client, tree, action):
    login_as_local_editor(client, 12)
    for target in TARGETS:
        page = getattr(tree, target)
        before = snapshot()
        method, url, data = ACTIONS[action](page, tree.local12)
        response = getattr(client, method)(url, data) if data is not None else client.get(url)
        if action in OWN_PAGE_ACTIONS and response.status_code == 200:
            # Their own page's form, shown again with the destination refused.
            assert "errorlist" in response.content.decode() or "error" in response.content.decode()
        else:
            assert_refused(response)
        assert snapshot() == before, f"{action} on {target} changed the database"


BULK_ACTIONS = {
    "publish": {},
    "unpublish": {"include_descendants": "on"},
    "delete": {},
    "move": "destination",
}


@pytest.mark.parametrize("action", sorted(BULK_ACTIONS))
def test_bulk_actions_on_other_sections_change_nothing(client, tree, action):
    login_as_local_editor(client, 12)
    for target in TARGETS:
        page = getattr(tree, target)
        data = BULK_ACTIONS[action]
        if data == "destination":
            data = {"chooser": tree.local12.pk}
        before = snapshot()
        url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", action])
        response = client.post(f"{url}?id={page.pk}", data)
        # 404: the page is not among those the editor may act on (locals/admin_views.py)
        assert response.status_code in (200, 302, 403, 404)
        assert snapshot() == before, f"bulk {action} on {target} changed the database"


def test_bulk_move_of_own_page_into_another_local_changes_nothing(client, tree):
    login_as_local_editor(client, 12)
    before = snapshot()
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "move"])
    client.post(f"{url}?id={tree.local12_page.pk}", {"chooser": tree.local212.pk})
    assert snapshot() == before


def test_explorer_shows_only_own_local(client, tree):
    login_as_local_editor(client, 12)
    response = client.get(reverse("wagtailadmin_explore_root"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_explore", args=[tree.local12.pk])
    html = response.content.decode()
    assert "local12 news" in html
    assert "OPEIU Local 212" not in html and "local212 news" not in html
    # Asking for another local's listing lands back on one's own.
    response = client.get(reverse("wagtailadmin_explore", args=[tree.local212.pk]))
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_explore", args=[tree.local12.pk])
    # The sidebar's page explorer (the admin API) offers nothing outside Local 12.
    api = client.get("/admin/api/main/pages/", {"child_of": "root", "for_explorer": "1"}).json()
    titles = {item["title"] for item in api["items"]}
    assert not titles & {"OPEIU Local 212", "local212 news", "international news"}
    own = client.get("/admin/api/main/pages/", {"child_of": tree.local12.pk, "for_explorer": "1"})
    assert [item["title"] for item in own.json()["items"]] == ["local12 news"]


def test_local_editor_cannot_edit_site_settings_snippets_users_or_groups(client, tree, site):
    login_as_local_editor(client, 12)
    settings_url = reverse("wagtailsettings:edit", args=["core", "sitesettings", site.pk])
    before = SiteSettings.for_site(site).phone
    assert_refused(client.get(settings_url))
    assert_refused(client.post(settings_url, {"phone": "(000) 000-0000"}))
    assert SiteSettings.for_site(site).phone == before
    assert_refused(client.get(reverse("wagtailsnippets:index")))
    users, groups = get_user_model().objects.count(), Group.objects.count()
    assert_refused(client.get(reverse("wagtailusers_users:index")))
    assert_refused(
        client.post(
            reverse("wagtailusers_users:add"),
            {"username": "intruder", "password1": "x" * 16, "password2": "x" * 16},
        )
    )
    assert_refused(client.get(reverse("wagtailusers_groups:index")))
    assert_refused(client.post(reverse("wagtailusers_groups:add"), {"name": "Mine"}))
    assert (get_user_model().objects.count(), Group.objects.count()) == (users, groups)


# The positive side: what Local 12's own staff can do in Local 12.


def test_local_editor_creates_and_edits_in_own_local_but_cannot_publish(client, tree):
    login_as_local_editor(client, 12)
    add_url = reverse("wagtailadmin_pages:add", args=["home", "standardpage", tree.local12.pk])
    assert client.get(add_url).status_code == 200
    response = client.post(
        add_url, {**page_form_data(tree.local12_page), "title": "Meeting notes", "slug": "notes"}
    )
    assert response.status_code == 302
    notes = StandardPage.objects.get(slug="notes")
    assert notes.get_parent().pk == tree.local12.pk and not notes.live

    edit_url = reverse("wagtailadmin_pages:edit", args=[tree.local12_page.pk])
    assert client.get(edit_url).status_code == 200
    response = client.post(
        edit_url, page_form_data(tree.local12_page, **{"action-publish": "action-publish"})
    )
    page = StandardPage.objects.get(pk=tree.local12_page.pk)
    assert page.title == "local12 news", "an editor's publish must not go live"

    response = client.post(
        edit_url, page_form_data(tree.local12_page, **{"action-submit": "action-submit"})
    )
    assert response.status_code == 302
    page.refresh_from_db()
    state = page.current_workflow_state
    assert state is not None and state.workflow.name == "Local 12 approval"
    assert page.title == "local12 news" and page.has_unpublished_changes
    assert_refused(client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk])))
    assert StandardPage.objects.get(pk=page.pk).live


def test_same_copy_and_move_requests_work_inside_own_local(client, tree):
    """Controls for the refusals above: the same hand-made POSTs succeed within Local 12, so
    the refusals come from permissions, not from malformed data."""
    login_as_local_editor(client, 12)
    method, url, data = ACTIONS["copy_into_own_local"](tree.local12_page, tree.local12)
    response = client.post(url, data)
    assert response.status_code == 302
    assert StandardPage.objects.filter(slug="copied").child_of(tree.local12).exists()

    # Moving a live page means publishing it elsewhere, which editors may not do: use a draft.
    folder = tree.local12.add_child(instance=StandardPage(title="Archive", slug="archive"))
    draft = tree.local12.add_child(instance=StandardPage(title="Minutes", slug="m", live=False))
    method, url, data = ACTIONS["move_into_own_local"](draft, folder)
    assert client.post(url, data).status_code == 302
    assert StandardPage.objects.get(pk=draft.pk).get_parent().pk == folder.pk


def test_local_moderator_publishes_in_own_local_only(client, tree):
    login_as_local_moderator(client, 12)
    edit_url = reverse("wagtailadmin_pages:edit", args=[tree.local12_page.pk])
    response = client.post(
        edit_url,
        page_form_data(tree.local12_page, title="Contract ratified", **{"action-publish": "1"}),
    )
    assert response.status_code == 302
    page = StandardPage.objects.get(pk=tree.local12_page.pk)
    assert page.live and page.title == "Contract ratified" and not page.has_unpublished_changes

    before = snapshot()
    other_url = reverse("wagtailadmin_pages:edit", args=[tree.local212_page.pk])
    assert_refused(
        client.post(other_url, page_form_data(tree.local212_page, **{"action-publish": "1"}))
    )
    assert snapshot() == before
