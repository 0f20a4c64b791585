from demo.helpers import ensure_image, ensure_pdf_document


def test_generated_pdf_is_a_real_pdf_and_is_not_duplicated(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    doc = ensure_pdf_document("AT&T discounts", "att.pdf", ["Save on wireless (really)."])
    data = doc.file.read()
    assert data.startswith(b"%PDF-1.4") and data.rstrip().endswith(b"%%EOF")
    assert b"(Save on wireless \\(really\\).) Tj" in data
    assert doc.file_size == len(data)
    assert ensure_pdf_document("AT&T discounts", "att.pdf", ["other"]).pk == doc.pk


def test_generated_image_has_its_size_and_is_not_duplicated(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    image = ensure_image("Hero", "hero.jpg", "OPEIU", size=(800, 400))
    assert (image.width, image.height) == (800, 400)
    assert ensure_image("Hero", "hero.jpg", "x").pk == image.pk
