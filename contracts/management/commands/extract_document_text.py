"""(Re)read the text of PDF documents for search: the missing or stale ones by default."""

from django.core.management.base import BaseCommand
from wagtail.documents import get_document_model

from contracts import extraction


class Command(BaseCommand):
    help = "Read the text of documents whose text is missing or stale (--all: every document)."

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", type=int, help="only these document ids")
        parser.add_argument("--all", action="store_true", help="read every document again")
        parser.add_argument("--max-seconds", type=float, help="time cap per document")
        parser.add_argument("--max-bytes", type=int, help="size cap per document")

    def handle(self, *args, ids=(), all=False, max_seconds=None, max_bytes=None, **options):
        documents = get_document_model().objects.order_by("pk")
        if ids:
            documents = documents.filter(pk__in=ids)
        counts = {}
        for document in documents.iterator():
            if not (all or ids) and extraction.is_current(document):
                continue
            status = extraction.extract(document, max_bytes=max_bytes, max_seconds=max_seconds)
            counts[status.status] = counts.get(status.status, 0) + 1
            if status.needs_attention:
                self.stdout.write(f"document {document.pk} {document.title!r}: {status.status}")
        summary = ", ".join(f"{count} {name}" for name, count in sorted(counts.items()))
        self.stdout.write(
            f"read {sum(counts.values())} document(s){': ' if counts else ''}{summary}"
        )
