"""The registrants and their attendance as CSV or XLSX, which a spreadsheet cannot run as
formulas: a name is typed by whoever registers (`=HYPERLINK(...)` would be a live formula in
the file staff open). The CSV follows the forms' export (`actions.exports.inert_cell`: a
leading quote on a cell starting with = + - @, a tab or a carriage return); the XLSX stores
every cell, headings included, as a text cell."""

import csv
import io

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from wagtail.admin.views.mixins import Echo

from actions.exports import inert_cell

from .forms import answer_text

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADINGS = [
    "Name", "Email", "Phone", "Status", "Registered at", "Cancelled at", "Checked in at", "Walk-in",
]  # fmt: skip


def _when(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def rows(registrations, questions=()):
    for r in registrations:
        answers = [answer_text(r.answers.get(q.clean_name)) for q in questions]
        yield [
            r.name,
            r.email,
            r.phone,
            r.get_status_display(),
            _when(r.created_at),
            _when(r.cancelled_at),
            _when(r.checked_in_at),
            "yes" if r.walk_in else "",
            *answers,
        ]


def headings(questions=()):
    return HEADINGS + [q.label for q in questions]


def _csv_lines(registrations, questions=()):
    writer = csv.writer(Echo())
    yield "\ufeff"  # Excel reads the file as UTF-8 only with the byte order mark
    yield writer.writerow([inert_cell(value) for value in headings(questions)])
    for row in rows(registrations, questions):
        yield writer.writerow([inert_cell(value) for value in row])


def xlsx_bytes(registrations, questions=()):
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title="Registrations")

    def text_row(values):
        cells = []
        for value in values:
            cell = WriteOnlyCell(sheet, str(value))
            cell.data_type = "s"  # openpyxl writes a string starting with "=" as a formula
            cells.append(cell)
        return cells

    sheet.append(text_row(headings(questions)))
    for row in rows(registrations, questions):
        sheet.append(text_row(row))
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def export_response(kind, file_stem, registrations, questions=()):
    """`questions` (RegistrationQuestion): a column each, after the fixed ones."""
    if kind == "xlsx":
        response = HttpResponse(xlsx_bytes(registrations, questions), content_type=XLSX_TYPE)
    else:
        response = StreamingHttpResponse(
            _csv_lines(registrations, questions), content_type="text/csv; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="{file_stem}.{kind}"'
    response["Cache-Control"] = "private, no-store"
    return response
