"""Oversized posts and malformed fields: a form error or a 400, never a 500, nothing stored."""

import pytest
from wagtail.contrib.forms.models import FormSubmission

from tests.actions.conftest import signed


def test_oversized_post_is_a_400_in_the_site_look(client, petition_page):
    response = client.post("/petition/", signed(message="x" * 200_000))
    assert response.status_code == 400
    html = response.content.decode()
    assert "We could not read that form" in html and 'class="site-header"' in html
    assert not FormSubmission.objects.exists()


def test_post_larger_than_djangos_limit_is_a_400(client, petition_page, settings):
    settings.ACTIONS_MAX_POST_BYTES = 10 * 1024 * 1024
    response = client.post(
        "/petition/", signed(message="x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1))
    )
    assert response.status_code == 400
    assert not FormSubmission.objects.exists()


def test_too_many_fields_is_a_400(client, petition_page, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 50
    data = signed()
    data.update({f"extra{i}": "1" for i in range(100)})
    assert client.post("/petition/", data).status_code == 400
    assert not FormSubmission.objects.exists()


def test_bad_content_length_is_a_400(client, petition_page):
    response = client.generic(
        "POST",
        "/petition/",
        "first_name=x",
        content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH="abc",
    )
    assert response.status_code == 400


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("email", "not-an-email", "Enter a valid email address."),
        ("signatures_wanted", "lots", "Enter a number."),
        ("signatures_wanted", "NaN", "Enter a number."),
        ("first_name", "Ro\x00sa", "Null characters are not allowed."),
        ("email", "rosa\x00@example.org", "Null characters are not allowed."),
        ("best_way_to_reach_you", "Email\x00", "Select a valid choice."),
        ("first_name", "x" * 300, "Ensure this value has at most 255 characters"),
        ("message", "x" * 6000, "Ensure this value has at most 5000 characters"),
        ("best_way_to_reach_you", "Carrier pigeon", "Select a valid choice."),
    ],
)
def test_malformed_fields_are_form_errors(client, petition_page, field, value, message):
    response = client.post("/petition/", signed(**{field: value}))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html and "Please check the highlighted field below." in html
    assert not FormSubmission.objects.exists()


def test_a_list_where_one_value_is_expected_is_handled(client, petition_page):
    data = signed()
    data["first_name"] = ["Rosa", "Lee"]  # the last value wins, as in any Django form
    response = client.post("/petition/", data)
    assert response.status_code == 200
    assert FormSubmission.objects.get().form_data["first_name"] == "Lee"


def test_json_body_is_not_a_500(client, petition_page):
    response = client.post("/petition/", '{"first_name": "Rosa"}', content_type="application/json")
    assert response.status_code in (200, 400)
    assert not FormSubmission.objects.exists()
