"""A small multi-page PDF writer (Helvetica text only), for the demo's contracts and for tests
that need PDFs with known clauses on known pages. No PDF library needed to write one."""

LINE_HEIGHT = 16
TOP = 740
BOTTOM = 72
WRAP_AT = 90  # characters per line in 11-point Helvetica on a Letter page


def _escape(text):
    text = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return text.encode("latin-1", "replace")


def _wrap(line):
    words, current, lines = line.split(), "", []
    for word in words:
        if current and len(current) + 1 + len(word) > WRAP_AT:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    lines.append(current)
    return lines


def _page_stream(lines):
    ops = [b"BT", b"/F1 11 Tf", b"72 %d Td" % TOP, b"%d TL" % LINE_HEIGHT]
    y = TOP
    for line in lines:
        for part in _wrap(line) if line else [""]:
            if y < BOTTOM:
                break
            ops.append(b"(" + _escape(part) + b") Tj T*")
            y -= LINE_HEIGHT
    ops.append(b"ET")
    return b"\n".join(ops)


def pdf_bytes(pages, title=""):
    """A PDF with one page per item of `pages` (each a list of text lines). A page given as
    None has no text at all, like a scanned page."""
    count = len(pages)
    # Objects: 1 catalog, 2 pages, 3 font, 4 info, then a (page, contents) pair per page.
    kids = " ".join(f"{5 + 2 * n} 0 R" for n in range(count)).encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % count,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Title (" + _escape(title) + b") /Producer (OPEIU website) >>",
    ]
    for number, lines in enumerate(pages):
        contents = 6 + 2 * number
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % contents
        )
        stream = _page_stream(lines) if lines is not None else b""
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 4 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
