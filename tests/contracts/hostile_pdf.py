"""A small PDF that is expensive to read: every page draws the same content stream, which
inflates to megabytes of text operators (the "14 KB PDF with a 5 MB shared content stream" of
issue 22). pypdf parses the whole stream again for each page."""

import io

from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject


def hostile_pdf(pages=10, stream_bytes=5_000_000):
    writer = PdfWriter()
    operators = b"BT /F1 9 Tf 72 720 Td (Overtime) Tj ET\n"
    content = DecodedStreamObject()
    content.set_data(operators * (stream_bytes // len(operators)))
    shared = writer._add_object(content.flate_encode(level=9))
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    resources = writer._add_object(
        DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
        )
    )
    for _ in range(pages):
        page = writer.add_blank_page(612, 792)
        page[NameObject("/Contents")] = shared
        page[NameObject("/Resources")] = resources
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()
