"""Roster files for the tests: CSV and XLSX bytes from headings and rows, and helpers that
walk the admin's import (upload, preview, confirm) as a local's staff would."""

import csv
import io
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

# A Local 12 roster of five rows, one of them refused (line 4: a bad email).
FIVE_ROWS = [
    ["12-000001", "Ana", "Lopez", "ana.lopez@example.org", "HealthPartners", "active"],
    ["12-000002", "Ben", "Okoro", "Ben.Okoro@Example.org", "HealthPartners", "retired"],
    ["12-000003", "Cleo", "Park", "not-an-email", "HealthPartners", "active"],
    ["12-000004", "Dev", "Shah", "dev.shah@example.org", "Northfield Lakes", "active"],
    ["12-000005", "Eva", "Berg", "", "Northfield Lakes", "active"],
]


HEADINGS = ["Member number", "First name", "Last name", "Email", "Employer", "Status"]


def csv_bytes(rows, headings=HEADINGS):
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(headings)
    writer.writerows(rows)
    return out.getvalue().encode()


def xlsx_bytes(rows, headings=HEADINGS):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headings)
    for row in rows:
        sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def upload(client, local, data, name="roster.csv"):
    """Upload `data`; returns the preview URL the upload redirects to."""
    response = client.post(
        reverse("members_roster:upload", args=[local.pk]),
        {"file": SimpleUploadedFile(name, data)},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return response["Location"]


def form_values(html):
    """The mapping form's chosen columns and the preview's digest, read from the page."""
    values = {}
    for name, body in re.findall(r'<select name="(\w+)"[^>]*>(.*?)</select>', html, re.S):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', body)
        values[name] = chosen.group(1) if chosen else ""
    digest = re.search(r'name="digest" value="(\w+)"', html)
    if digest:
        values["digest"] = digest.group(1)
    return values


def count(html, key):
    return int(re.search(rf'data-count="{key}">(\d+)<', html).group(1))


def confirm(client, preview_url):
    """Confirm the import as previewed: the form as the page shows it, "Confirm" pressed."""
    html = client.get(preview_url).content.decode()
    return client.post(preview_url, {**form_values(html), "action": "confirm"})
