"""Form submissions are members' data: a local's staff see, export and delete only their own
local's. Wagtail's policy (wagtail.contrib.forms.utils.get_forms_for_user) gives submissions to
whoever may *edit* the form page, so both "Local N editors" and "Local N moderators" handle
their local's submissions, and nobody else's. Real views, real POSTs, the database checked."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse
from wagtail.contrib.forms.models import FormSubmission

from actions.models import ActionKind
from tests.actions.factories import ActionPageFactory, add_fields, petition

from .helpers import login_as_local_editor, login_as_local_moderator


def _organizer_form(parent, slug):
    page = ActionPageFactory(
        parent=parent,
        slug=slug,
        title="Need a Union? Talk to an organizer",
        kind=ActionKind.ORGANIZER,
    )
    return add_fields(page, ("Your name", "singleline", True), ("Email", "email", True))


@pytest.fixture
def forms(tree):
    """An organizer form under Local 12 and under Local 212, and the International's petition,
    each with one submission naming its page."""
    pages = {
        "local12": _organizer_form(tree.local12, "talk-to-an-organizer"),
        "local212": _organizer_form(tree.local212, "talk-to-an-organizer"),
        "international": petition(tree.home, slug="red-cross-petition"),
    }
    for name, page in pages.items():
        FormSubmission.objects.create(
            page=page, form_data={"your_name": f"Secret {name}", "first_name": f"Secret {name}"}
        )
    return pages


def submissions_snapshot():
    return sorted(FormSubmission.objects.values_list("pk", "page_id", "form_data"))


def assert_refused(response):
    """403, or Wagtail's "permission denied" redirect to the admin dashboard; and no data."""
    if response.status_code == 302:
        assert response.url == reverse("wagtailadmin_home"), response.url
    else:
        assert response.status_code in (403, 404), response.status_code
    body = b"".join(response) if response.streaming else response.content
    assert b"Secret" not in body


def _list(page, **params):
    return ("get", reverse("wagtailforms:list_submissions", args=[page.pk]), params)


def _delete_url(page):
    ids = "&".join(f"selected-submissions={s.pk}" for s in FormSubmission.objects.filter(page=page))
    return reverse("wagtailforms:delete_submissions", args=[page.pk]) + "?" + ids


ACTIONS = {
    "list": lambda page: _list(page),
    "list_results": lambda page: (
        "get",
        reverse("wagtailforms:list_submissions_results", args=[page.pk]),
        {},
    ),
    "export_csv": lambda page: _list(page, export="csv"),
    "export_xlsx": lambda page: _list(page, export="xlsx"),
    "delete_get": lambda page: ("get", _delete_url(page), {}),
    "delete_post": lambda page: ("post", _delete_url(page), {}),
}


@pytest.mark.parametrize("login", [login_as_local_editor, login_as_local_moderator])
@pytest.mark.parametrize("action", sorted(ACTIONS))
@pytest.mark.parametrize("target", ["local212", "international"])
def test_local_staff_are_refused_on_other_sections_submissions(
    client, forms, login, action, target
):
    login(client, 12)
    before = submissions_snapshot()
    method, url, data = ACTIONS[action](forms[target])
    response = getattr(client, method)(url, data)
    assert_refused(response)
    assert submissions_snapshot() == before, f"{action} on {target} changed submissions"


def test_local_staff_cannot_delete_others_submissions_through_their_own_form(client, forms):
    """A hand-crafted POST on Local 12's own form naming Local 212's submission ids."""
    login_as_local_editor(client, 12)
    theirs = [s.pk for s in FormSubmission.objects.exclude(page=forms["local12"])]
    url = reverse("wagtailforms:delete_submissions", args=[forms["local12"].pk])
    query = "&".join(f"selected-submissions={pk}" for pk in theirs)
    client.post(f"{url}?{query}", {})
    assert FormSubmission.objects.filter(pk__in=theirs).count() == len(theirs)


@pytest.mark.parametrize("login", [login_as_local_editor, login_as_local_moderator])
def test_forms_index_lists_only_the_locals_own_forms(client, forms, login):
    login(client, 12)
    index = client.get(reverse("wagtailforms:index")).content.decode()
    assert reverse("wagtailforms:list_submissions", args=[forms["local12"].pk]) in index
    for other in ("local212", "international"):
        assert reverse("wagtailforms:list_submissions", args=[forms[other].pk]) not in index


@pytest.mark.parametrize("login", [login_as_local_editor, login_as_local_moderator])
def test_local_staff_see_and_export_their_own_submissions(client, forms, login):
    login(client, 12)
    own = forms["local12"]
    method, url, params = _list(own)
    listing = client.get(url)
    assert listing.status_code == 200
    assert "Secret local12" in listing.content.decode()
    assert "Secret local212" not in listing.content.decode()

    exported = client.get(url, {"export": "csv"})
    assert exported.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(exported.streaming_content).decode("utf-8"))))
    cells = [cell for row in rows[1:] for cell in row]
    assert "Secret local12" in cells and not any("local212" in c for c in cells)

    exported = client.get(url, {"export": "xlsx"})
    assert exported.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(b"".join(exported.streaming_content)))
    values = [cell for row in book.active.iter_rows(values_only=True) for cell in row]
    assert "Secret local12" in values


@pytest.mark.parametrize("login", [login_as_local_editor, login_as_local_moderator])
def test_local_staff_can_delete_their_own_submissions(client, forms, login):
    login(client, 12)
    own = forms["local12"]
    response = client.post(_delete_url(own), {})
    assert response.status_code == 302
    assert not FormSubmission.objects.filter(page=own).exists()
    assert FormSubmission.objects.count() == 2  # the other sections' are untouched
