"""The smallest valid PDF file around a list of PDF objects: numbered objects, the cross-reference
table and the trailer. Used by the generated demo and test documents (demo/helpers.py,
contracts.pdf)."""


def assemble(objects, info=None):
    """A PDF file of `objects` (bodies of objects 1..n, object 1 the catalog); `info` is the
    number of the document-information object, if any."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    info_entry = b" /Info %d 0 R" % info if info else b""
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        info_entry,
        xref,
    )
    return bytes(out)
