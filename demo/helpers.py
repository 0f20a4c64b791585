"""Small helpers the demo loaders of every app share: idempotent page creation and a log."""

from wagtail.models import Page

from opeiu_site.core.pdf import assemble


class DemoLog:
    """Collects progress lines and the logins to print at the end of `load_demo`."""

    def __init__(self, write):
        self._write = write
        self.logins = []
        self.second_factors = []

    def step(self, message):
        self._write(f"  {message}")

    def login(self, username, password, note):
        self.logins.append((username, password, note))

    def second_factor(self, username, secret, uri):
        self.second_factors.append((username, secret, uri))


def ensure_page(parent, model, slug, **fields):
    """Return the live child of `parent` with this slug, creating and publishing it if missing.

    An existing page is returned untouched, so a second run keeps whatever editors changed.
    Returns (page, created).
    """
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific, False
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def find_page(slug, model=Page):
    """The first page of this type with this slug anywhere in the tree, or None."""
    return model.objects.filter(slug=slug).first()


def _pdf_bytes(title, lines):
    """A small, valid one-page PDF (Helvetica text), written by hand so no PDF library is needed."""

    def escape(text):
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    text_ops = ["BT", "/F1 18 Tf", "72 740 Td", f"({escape(title)}) Tj", "/F1 12 Tf"]
    for line in lines:
        text_ops += ["0 -22 Td", f"({escape(line)}) Tj"]
    text_ops.append("ET")
    stream = "\n".join(text_ops).encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    return assemble(objects)


def ensure_pdf_document(title, filename, lines, collection=None):
    """The Wagtail document with this title, creating it as a generated PDF if missing."""
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    document_model = get_document_model()
    existing = document_model.objects.filter(title=title).first()
    if existing is not None:
        return existing
    document = document_model(title=title)
    if collection is not None:
        document.collection = collection
    document.file.save(filename, ContentFile(_pdf_bytes(title, lines)), save=False)
    document.file_size = document.file.size
    document.save()
    return document


def ensure_image(title, filename, text, size=(1200, 630), colour=(11, 58, 110), collection=None):
    """The Wagtail image with this title, creating a simple generated picture if missing."""
    import io

    from django.core.files.images import ImageFile
    from PIL import Image, ImageDraw
    from wagtail.images import get_image_model

    image_model = get_image_model()
    existing = image_model.objects.filter(title=title).first()
    if existing is not None:
        return existing
    picture = Image.new("RGB", size, colour)
    draw = ImageDraw.Draw(picture)
    draw.rectangle([0, size[1] - 24, size[0], size[1]], fill=(242, 183, 5))
    draw.text((48, size[1] // 2 - 20), text, fill=(255, 255, 255), font_size=48)
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=85)
    image = image_model(title=title)
    if collection is not None:
        image.collection = collection
    image.file.save(filename, ImageFile(buffer, name=filename), save=False)
    image.save()
    return image
