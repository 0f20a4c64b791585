"""The dashboard per person (issue 13): each panel shows a local's staff their own local only,
the International's staff every section grouped by local, and runs the same number of queries
with 2 items as with 20 (and with 2 locals as with 20)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page, TaskState

from locals.admin.panels import PANELS
from locals.models import DashboardVisit

from .dashboard_content import add_content, staff_user
from .factories import LocalPageFactory

pytestmark = pytest.mark.clock  # reads today's date (tests/clock.py)


@pytest.fixture
def staffed(tree):
    editor12 = staff_user(tree.local12, "editors", "local12-editor")
    moderator12 = staff_user(tree.local12, "moderators", "local12-moderator")
    editor212 = staff_user(tree.local212, "editors", "local212-editor")
    add_content(tree.local12, editor12)
    add_content(tree.local212, editor212)
    return tree, editor12, moderator12, editor212


def dashboard(client, user):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def render_panel(panel_class, user):
    request = RequestFactory().get("/admin/")
    request.user = user
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return panel_class().render_html({"request": request, "csrf_token": "token"})


def queries_of(panel_class, user):
    with CaptureQueriesContext(connection) as queries:
        render_panel(panel_class, user)
    return len(queries)


def test_local_editor_sees_own_local_only(client, staffed):
    tree, editor12, _, _ = staffed
    html = dashboard(client, editor12)
    assert "OPEIU Local 12" in html
    for item in ("board 0", "petition 0", "review 0", "draft 0"):
        assert f"OPEIU Local 12 {item}" in html, item
    assert "Local 212" not in html
    # Quick actions open the add views under Local 12's own calendar.
    calendar = tree.local12.get_children().get(slug="events")
    assert reverse("wagtailadmin_pages:add", args=["events", "eventpage", calendar.pk]) in html
    assert reverse("wagtailadmin_pages:edit", args=[tree.local12.pk]) in html
    assert "Write a news post" not in html  # Local 12 has no news index in this tree


def test_other_local_editor_sees_nothing_of_local_12(client, staffed):
    _, _, _, editor212 = staffed
    html = dashboard(client, editor212)
    assert "OPEIU Local 212 board 0" in html
    assert "Local 12 " not in html.replace("Local 212", "")


def test_moderator_approves_from_the_dashboard(client, staffed):
    tree, _, moderator12, _ = staffed
    html = dashboard(client, moderator12)
    assert "Waiting for your approval" in html
    state = TaskState.objects.get(
        status="in_progress",
        workflow_state__object_id=str(Page.objects.get(title="OPEIU Local 12 review 0").pk),
    )
    page_id = int(state.workflow_state.object_id)
    approve = reverse("opeiu_approve", args=[state.pk])
    assert approve in html
    response = client.post(approve, {"next": reverse("wagtailadmin_home")})
    assert response.status_code == 302
    assert Page.objects.get(pk=page_id).live
    confirmation = client.get(response.url).content.decode()
    assert "“OPEIU Local 12 review 0” is approved and published." in confirmation
    # Local 212's page in review is nowhere on Local 12's moderator's dashboard.
    assert "Local 212" not in dashboard(client, moderator12)


def test_editor_sees_pages_waiting_on_others_not_approve_buttons(client, staffed):
    _, editor12, _, _ = staffed
    html = dashboard(client, editor12)
    assert "Waiting on others" in html
    assert "Approve and publish" not in html


def test_international_admin_sees_every_local_grouped(client, staffed):
    admin = get_user_model().objects.create_superuser("boss", "boss@example.org", "x" * 16)
    html = dashboard(client, admin)
    for label in ("Local 12", "Local 212"):
        assert f'<h3 class="opeiu-group">{label}</h3>' in html
    assert "OPEIU Local 212 review 0" in html and "OPEIU Local 12 review 0" in html


def test_new_submissions_are_counted_since_the_last_visit(client, staffed):
    from wagtail.contrib.forms.models import FormSubmission

    _, editor12, _, _ = staffed
    html = dashboard(client, editor12)
    assert "1 new" in html
    # A visit long ago: only what arrived after it is new.
    visit = DashboardVisit.objects.get(user=editor12)
    later = FormSubmission.objects.order_by("-submit_time").first().submit_time
    DashboardVisit.objects.filter(pk=visit.pk).update(
        latest=later.replace(year=later.year + 1), previous=later
    )
    assert "No new submissions" in render_panel(PANELS[3], editor12)


def panel_queries(user):
    """{panel: queries} for one user, each panel measured on its own request after a warm-up
    render (Wagtail's content-type and site caches)."""
    counts = {}
    for panel_class in PANELS:
        render_panel(panel_class, user)
        counts[panel_class.__name__] = queries_of(panel_class, user)
    return counts


def test_panel_queries_do_not_grow_with_items(staffed):
    tree, editor12, moderator12, _ = staffed
    add_content(tree.local12, editor12, count=1, start=1)  # two of each
    before = [panel_queries(user) for user in (editor12, moderator12)]
    add_content(tree.local12, editor12, count=18, start=2)  # twenty of each
    after = [panel_queries(user) for user in (editor12, moderator12)]
    assert after == before
    assert "OPEIU Local 12 review 19" in render_panel(PANELS[2], moderator12)


def test_panel_queries_do_not_grow_with_locals(staffed):
    tree, *_ = staffed
    admin = get_user_model().objects.create_superuser("boss", "boss@example.org", "x" * 16)
    before = panel_queries(admin)
    for number in range(500, 518):  # twenty locals
        local = LocalPageFactory(parent=tree.index, number=number)
        local.save_revision().publish()
        add_content(local, staff_user(local, "editors"))
    assert panel_queries(admin) == before
    assert "Local 517" in render_panel(PANELS[2], admin)
