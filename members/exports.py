"""The roster's CSV and XLSX exports, which a spreadsheet cannot run as formulas.

A roster comes from a membership system and from members' own input (an email, a worksite):
a cell starting with "=" would be a live formula in the file staff open. The CSV uses the
forms' export rule (`actions.exports.inert_cell`: a leading quote, OWASP's advice); the XLSX
stores every cell, headings included, as a text cell, as that export does.
"""

import csv
import io

from django.http import HttpResponse, StreamingHttpResponse
from wagtail.admin.views.mixins import Echo

from actions.exports import inert_cell

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _csv_lines(headings, rows):
    writer = csv.writer(Echo())
    yield "\ufeff"  # Excel reads the file as UTF-8 only with the byte order mark
    yield writer.writerow([inert_cell(heading) for heading in headings])
    for row in rows:
        yield writer.writerow([inert_cell(value) for value in row])


def xlsx_bytes(headings, rows):
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title="Roster")

    def text_row(values):
        cells = []
        for value in values:
            cell = WriteOnlyCell(sheet, "" if value is None else str(value))
            cell.data_type = "s"  # openpyxl writes a string starting with "=" as a formula
            cells.append(cell)
        return cells

    sheet.append(text_row(headings))
    for row in rows:
        sheet.append(text_row(row))
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def export_response(kind, file_name, headings, rows):
    """A download of `rows` (under `headings`) as CSV (streamed) or XLSX."""
    if kind == "xlsx":
        response = HttpResponse(xlsx_bytes(headings, rows), content_type=XLSX_TYPE)
    else:
        response = StreamingHttpResponse(
            _csv_lines(headings, rows), content_type="text/csv; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    response["Cache-Control"] = "private, no-store"
    return response
