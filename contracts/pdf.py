"""A small multi-page PDF writer (Helvetica text only), for the demo's contracts and for tests
that need PDFs with known clauses on known pages. No PDF library needed to write one."""

from opeiu_site.core.pdf import assemble

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
    return assemble(objects, info=4)
