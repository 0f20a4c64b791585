"""What the contracts pages and the site search show beside the pages themselves: the excerpt
of a PDF that matches a search (`document_matches`) and an employer's bargaining news (from the
news app, through a hook). Queries about the pages are methods of their querysets
(`ContractPage.objects`, `EmployerPage.objects`, `LibraryDocumentPage.objects`, in
contracts.models); this module reads the PDF text rows and documents, never a page class."""

from dataclasses import dataclass

from django.db.models import Q
from wagtail import hooks
from wagtail.documents import get_document_model

from opeiu_site.core.audience import public_media
from opeiu_site.core.listing import clean_query

from .models.text import DocumentPageText

NEWS_LIMIT = 5
EXCERPT_BEFORE, EXCERPT_AFTER = 50, 170  # characters of context around the match


TAGGED_NEWS_HOOK = "opeiu_tagged_news"


def bargaining_news(employer, section, limit=NEWS_LIMIT):
    """The news posts of the employer's section (`section`, core.sections' `section_of`)
    tagged with the employer's news tag, newest first. Contracts imports no news: the news
    app answers through the `opeiu_tagged_news` hook (news.wagtail_hooks), which also
    declares the posts' cache tags; without it (no news app), no posts."""
    if not employer.news_tag:
        return []
    for tagged_news in hooks.get_hooks(TAGGED_NEWS_HOOK):
        return list(tagged_news(section, employer.news_tag, limit))
    return []


@dataclass
class DocumentMatch:
    page_number: int
    excerpt: str
    url: str


def _terms(query):
    """The words worth looking for in a PDF's text: the search's own words (clean_query, as
    the search forms cleaned them), without single letters."""
    return [word for word in clean_query(query).split() if len(word) > 1]


def _excerpt(text, query, terms):
    """About 220 characters of `text` from just before the phrase (or the first term found),
    cut at spaces."""
    flat = " ".join(text.split())
    lowered = flat.lower()
    position = lowered.find(query.lower())
    if position < 0:
        positions = [lowered.find(term) for term in terms if term in lowered]
        position = min(positions, default=0)
    start = max(0, position - EXCERPT_BEFORE)
    end = min(len(flat), position + EXCERPT_AFTER)
    if start > 0:
        start = flat.find(" ", start, position) + 1 or start
    if end < len(flat):
        cut = flat.rfind(" ", position, end)
        end = cut if cut > position else end
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(flat) else ""
    return f"{prefix}{flat[start:end].strip()}{suffix}"


def document_matches(pages, query):
    """{page id: DocumentMatch} for the pages (already live and public) whose PDF contains the
    query's words: the PDF page that matches most of them (the first such page), an excerpt,
    and the file's URL at that page. Two queries whatever the number of pages."""
    terms = _terms(query)
    by_document = {}
    for page in pages:
        if getattr(page, "document_id", None):
            by_document.setdefault(page.document_id, []).append(page.pk)
    if not terms or not by_document:
        return {}
    # Only public files' text is excerpted: a public page may show a members-only file.
    public = public_media(get_document_model().objects.filter(pk__in=by_document)).values("pk")
    any_term = Q()
    for term in terms:
        any_term |= Q(text__icontains=term)
    best = {}
    rows = (
        DocumentPageText.objects.filter(any_term, document_id__in=public)
        .order_by("document_id", "page_number")
        .values_list("document_id", "page_number", "text")
    )
    for document_id, page_number, text in rows.iterator():
        lowered = text.lower()
        score = (query.lower() in lowered, sum(term in lowered for term in terms))
        if document_id not in best or score > best[document_id][0]:
            best[document_id] = (score, page_number, text)
    documents = get_document_model().objects.filter(pk__in=best).only("id", "file", "title")
    urls = {document.pk: document.url for document in documents}
    matches = {}
    for document_id, (_score, page_number, text) in best.items():
        match = DocumentMatch(
            page_number=page_number,
            excerpt=_excerpt(text, query, terms),
            url=f"{urls[document_id]}#page={page_number}",
        )
        for page_id in by_document[document_id]:
            matches[page_id] = match
    return matches
