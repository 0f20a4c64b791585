"""A section's document library: bylaws, constitution, minutes and agendas.

Minutes for members only use Wagtail's own privacy: restrict the library page (or one
document's page) to the local's members ("private" in Privacy means them, see
locals.audience). The page then leaves every public listing, search and the sitemap (they all
take `.live().public()`), and a file chosen there moves into the local's members-only
collection as soon as the draft is saved (locals.file_audience), so /documents/... refuses it
too.
"""

from functools import cached_property

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PageChooserPanel
from wagtail.models import PageManager
from wagtail.search import index

from opeiu_site.core import cache_tags
from opeiu_site.core.forms import BasePageForm
from opeiu_site.core.listing import page_or_404
from opeiu_site.core.models import BasePage
from opeiu_site.core.queries import PublicPageQuerySet
from opeiu_site.core.sections import section_of

from .. import sections
from ..choices import DocumentKind
from ..listing import DOCUMENTS_PER_PAGE, LibraryFilterForm
from ..panels import DocumentTextPanel
from .text import DocumentTextMixin


class DocumentLibraryPage(BasePage):
    """The documents of a section (or, restricted with Wagtail's privacy, its members-only
    documents), newest first, filtered by kind and year."""

    section_index = True  # found by its section's composers (core.page_tree)
    listing_kind = sections.LISTING_KIND  # its section's contracts

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    # A members-only library is a second library beside the public one, restricted in Privacy.
    parent_page_types = ["home.HomePage", "locals.LocalPage"]
    subpage_types = ["contracts.LibraryDocumentPage"]
    template = "contracts/document_library_page.html"
    search_type_filter = False

    class Meta:
        verbose_name = _("document library")
        verbose_name_plural = _("document libraries")

    def get_context(self, request, *args, **kwargs):
        sections.declare(self)
        context = super().get_context(request, *args, **kwargs)
        context["listing"] = LibraryListing(self, request.GET)
        return context


class LibraryListing:
    """One page of a library's documents, filtered by kind and year (anything that names
    nothing is a 404), newest first."""

    def __init__(self, library, params):
        self.library = library
        self.form = LibraryFilterForm(params)
        filters = self.form.cleaned_or_404()
        self.kind, self.year = filters["kind"], filters["year"]
        documents = LibraryDocumentPage.objects.of_library(library)
        self.years = [day.year for day in documents.dates("date", "year", order="DESC")]
        if self.kind:
            documents = documents.filter(kind=self.kind)
        if self.year:
            documents = documents.filter(date__year=self.year)
        documents = documents.select_related("document").order_by("-date", "-pk")
        self.page_obj = page_or_404(documents, DOCUMENTS_PER_PAGE, params.get("page", ""))
        self.paginator = self.page_obj.paginator
        self.documents = list(self.page_obj.object_list)
        cache_tags.add(*(f"page-{document.pk}" for document in self.documents))

    @property
    def is_filtered(self):
        return bool(self.kind or self.year)


MEETING_PAGE_TYPES = ["events.MeetingSeriesPage", "events.EventPage"]


class LibraryDocumentQuerySet(PublicPageQuerySet):
    """LibraryDocumentPage.objects: the queries about library documents (Wagtail's way)."""

    def of_library(self, library):
        """The library's live, public documents."""
        return self.live_public().child_of(library)

    def of_meeting(self, meeting, section):
        """The live, public documents of `section` (the meeting's own) linked to a meeting or
        series page, by meeting date, kind, then as added; with their files."""
        return (
            self.live_public()
            .filter(meeting_id=meeting.pk, path__startswith=section.path if section else "")
            .select_related("document")
            .order_by("meeting_date", "kind", "pk")
        )


LibraryDocumentManager = PageManager.from_queryset(LibraryDocumentQuerySet)


class LibraryDocumentPageForm(BasePageForm):
    """The meeting a document belongs to is one of its own section's: the meeting's page
    lists the documents naming it, so naming another local's meeting would add to its page."""

    def clean(self):
        cleaned = super().clean()
        meeting = cleaned.get("meeting")
        place = self.reference_place()
        if meeting is not None and place is not None:
            own, theirs = section_of(place), section_of(meeting)
            if own is None or theirs is None or own.pk != theirs.pk:
                self.add_error(
                    "meeting", _("Choose a meeting or meeting series of this page's own section.")
                )
        return cleaned


class LibraryDocumentPage(DocumentTextMixin, BasePage):
    """One document with a stable page of its own: its kind, date, file and, for minutes and
    agendas, the meeting it belongs to."""

    search_type_label = _("Document")
    listing_kind = sections.LISTING_KIND  # listed in its library (contracts.sections)

    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    date = models.DateField(_("date"), db_index=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("file"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    description = models.TextField(_("description"), blank=True)
    meeting = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meeting_documents",
        help_text=_("For minutes and agendas: the meeting (or meeting series) they belong to."),
    )
    meeting_date = models.DateField(
        _("meeting date"),
        null=True,
        blank=True,
        help_text=_("The date of the meeting in the series (defaults to the document's date)."),
    )

    content_panels = BasePage.content_panels + [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("date")]),
        FieldPanel("document"),
        DocumentTextPanel(heading=_("Search inside the PDF")),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                PageChooserPanel("meeting", MEETING_PAGE_TYPES),
                FieldPanel("meeting_date"),
            ],
            heading=_("Meeting"),
        ),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("description"),
        index.SearchField("document_search_text"),
        index.FilterField("kind"),
        index.FilterField("date"),
    ]

    objects = LibraryDocumentManager()  # of_library(), of_meeting()

    parent_page_types = ["contracts.DocumentLibraryPage"]
    subpage_types = []
    template = "contracts/library_document_page.html"
    base_form_class = LibraryDocumentPageForm

    class Meta:
        verbose_name = _("library document")

    @property
    def summary_text(self):
        return self.description or super().summary_text

    @property
    def held_on(self):
        """The meeting date the document belongs to."""
        return self.meeting_date or self.date

    @cached_property
    def public_meeting(self):
        """The meeting, if anyone may see it (live, no restriction on it or above): a page
        never shows the title of a page its visitors may not open."""
        meeting = self.meeting
        if meeting is None or not meeting.live or meeting.get_view_restrictions().exists():
            return None
        return meeting

    def shown_on_pages(self):
        return [self.meeting_id] if self.meeting_id else []

    def save(self, *args, **kwargs):
        if self.meeting_id and self.meeting_date is None:
            self.meeting_date = self.date
        super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        library = self.get_parent().specific
        sections.declare(self, f"page-{library.pk}")
        context["library"] = library
        return context
