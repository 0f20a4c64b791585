"""The text of each PDF, page by page, extracted off the request path (see contracts.extraction)
and indexed with the pages that show the document, so a search finds a clause and its page."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model

from opeiu_site.core.audience import public_media


class ExtractionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be read")
    OK = "ok", _("Text found")
    NO_TEXT = "no_text", _("No text found (a scanned PDF?)")
    PARTIAL = "partial", _("Partly read (too long to read in full)")
    TOO_LARGE = "too_large", _("Too large to read")
    NOT_PDF = "not_pdf", _("Not a PDF")
    FAILED = "failed", _("Could not be read")


# What an editor is warned about: members cannot search inside these documents.
NEEDS_ATTENTION = {
    ExtractionStatus.NO_TEXT,
    ExtractionStatus.PARTIAL,
    ExtractionStatus.TOO_LARGE,
    ExtractionStatus.FAILED,
}


class DocumentTextStatus(models.Model):
    """How the text extraction of one document went, and for which version of its file."""

    document = models.OneToOneField(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="text_status"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ExtractionStatus.choices, default="pending"
    )
    # The file the text was read from: a new upload under the same document is read again.
    file_name = models.CharField(max_length=255, blank=True)
    file_size = models.PositiveBigIntegerField(null=True, blank=True)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    pages_read = models.PositiveIntegerField(default=0)
    message = models.CharField(max_length=255, blank=True)
    extracted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("document text status")

    def __str__(self):
        return f"{self.document_id}: {self.status}"

    @property
    def needs_attention(self):
        return self.status in NEEDS_ATTENTION


class DocumentPageText(models.Model):
    """The text of one page of a PDF (page_number counts from 1, as #page=N does)."""

    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="page_texts"
    )
    page_number = models.PositiveIntegerField()
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["document", "page_number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "page_number"], name="one_text_per_page")
        ]

    def __str__(self):
        return f"{self.document_id} p. {self.page_number}"


class DocumentTextMixin(models.Model):
    """For a page showing one document: its text goes into the page's search index entry,
    if the document is public (a members-only file's words are found by nobody's search)."""

    class Meta:
        abstract = True

    def document_search_text(self):
        if not getattr(self, "document_id", None):
            return ""
        document = get_document_model().objects.filter(pk=self.document_id)
        if not public_media(document).exists():
            return ""
        texts = DocumentPageText.objects.filter(document_id=self.document_id)
        return "\n".join(texts.values_list("text", flat=True))

    def document_text_status(self):
        if not getattr(self, "document_id", None):
            return None
        return DocumentTextStatus.objects.filter(document_id=self.document_id).first()
