"""Only people who can edit a form page see or export its submissions (a local's staff see
their local's forms, not the International's)."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import GroupPagePermission

from tests.actions.factories import petition


@pytest.fixture
def two_forms(home):
    ours = petition(home, slug="ours")
    theirs = petition(home, slug="theirs")
    for page in (ours, theirs):
        FormSubmission.objects.create(page=page, form_data={"first_name": f"on {page.slug}"})
    return ours, theirs


@pytest.fixture
def editor_of_ours(client, two_forms, django_user_model):
    ours, _ = two_forms
    group = Group.objects.create(name="Our editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=group, page=ours, permission=Permission.objects.get(codename="change_page")
    )
    user = django_user_model.objects.create_user("editor", password="x" * 16)
    user.groups.add(group)
    client.force_login(user)
    return client


def _submissions(client, page, **params):
    return client.get(reverse("wagtailforms:list_submissions", args=[page.pk]), params)


def test_editor_sees_and_exports_only_the_forms_they_can_edit(editor_of_ours, two_forms):
    ours, theirs = two_forms
    response = _submissions(editor_of_ours, ours)
    assert response.status_code == 200 and "on ours" in response.content.decode()
    assert _submissions(editor_of_ours, ours, export="csv").status_code == 200

    for params in ({}, {"export": "csv"}, {"export": "xlsx"}):
        response = _submissions(editor_of_ours, theirs, **params)
        assert response.status_code in (302, 403), params
        assert b"on theirs" not in getattr(response, "content", b"")

    index = editor_of_ours.get(reverse("wagtailforms:index")).content.decode()
    assert f"/admin/forms/submissions/{ours.pk}/" in index
    assert f"/admin/forms/submissions/{theirs.pk}/" not in index


def test_anonymous_visitors_cannot_see_submissions(client, two_forms):
    ours, _ = two_forms
    response = _submissions(client, ours, export="csv")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/admin/")  # the staff sign-in
