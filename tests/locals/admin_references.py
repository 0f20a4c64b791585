"""The reference matrix's tables: Local 12's own objects and what its editor may not name by ID
(Local 212's files and unpublished or restricted pages, the International's members-only
file), the minimal form data that makes each page type's admin form valid, and how to put a
reference into each kind of StreamField block.

The matrix (test_admin_matrix.py) reads each page type's reference fields from its admin form
(foreign keys to documents, images, pages and snippets; StreamFields; the same in its inline
rows), so a new field is in it by itself; a new page type without an entry in MINIMAL_DATA, or
a new block kind carrying a reference without an entry in BLOCK_REFERENCES, fails it.
"""

import datetime as dt
from dataclasses import dataclass

import wagtail_factories
from wagtail.blocks import RichTextBlock
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, PageViewRestriction
from wagtail.test.utils.form_data import rich_text

from benefits.models import BenefitIndexPage
from contracts.models import DocumentLibraryPage, EmployerPage
from locals.audience import Audience, audience_collection
from locals.provisioning import provision_international
from opeiu_site.core import blocks
from opeiu_site.home.models import StandardPage
from tests.contracts.factories import ContractIndexPageFactory
from tests.events.factories import EventIndexPageFactory, MeetingSeriesPageFactory
from tests.news.factories import NewsIndexPageFactory, NewsPageFactory

DOCUMENT, IMAGE, PAGE, MEETING = "document", "image", "page", "meeting"

# Page types a local's staff can neither create nor edit (the International's): their forms
# check references too, for users who may edit them, whose scope is the whole site.
INTERNATIONAL_ONLY = {"home.HomePage", "locals.LocalIndexPage"}

DAY = "2030-03-04"
# POST values that make each page type's admin form valid (besides title and slug).
MINIMAL_DATA = {
    "home.StandardPage": {},
    "news.NewsIndexPage": {"posts_per_page": "10"},
    "news.NewsPage": {"date": DAY, "hero_image_alt": "Members at the rally"},
    "locals.LocalPage": {
        "kind": "local",
        "number": "12",
        "country": "US",
        "time_zone": "America/Chicago",
    },
    "events.EventIndexPage": {},
    "events.EventPage": {
        "start_date": DAY,
        "start_time": "18:00",
        "time_zone": "America/Chicago",
        "attendance_mode": "in_person",
        "status": "scheduled",
    },
    "events.MeetingSeriesPage": {
        "frequency": "weekly",
        "weekdays": ["1"],
        "start_time": "18:00",
        "duration_minutes": "60",
        "first_date": DAY,
        "time_zone": "America/Chicago",
        "attendance_mode": "in_person",
    },
    "benefits.BenefitIndexPage": {},
    "benefits.BenefitPage": {"provider": "Acme", "summary": "A discount"},
    "actions.ActionPage": {
        "kind": "sign-up",
        "submit_label": "Sign up",
        "thank_you_text": "Thank you",
    },
    "contracts.ContractIndexPage": {},
    "contracts.EmployerPage": {
        "units-TOTAL_FORMS": "1",
        "units-0-name": "Clerical unit",
        "units-0-ORDER": "1",
    },
    "contracts.ContractPage": {"status": "in_force"},
    "contracts.DocumentLibraryPage": {},
    "contracts.LibraryDocumentPage": {"kind": "minutes", "date": DAY},
    "contracts.OfficersPage": {},
}
# Required fields of the inline rows that carry a reference.
CHILD_DATA = {
    "people": {"kind": "officer", "role": "President", "name": "Pat Doe", "photo_alt": "Pat"},
}
# References a page type cannot do without: its minimal data names Local 12's own.
REQUIRED_REFERENCES = {"contracts.LibraryDocumentPage": {"document": DOCUMENT}}


def _struct(**values):
    return values


# {block class: [(reference kind, value builder(id))]}: a reference in each kind of block.
BLOCK_REFERENCES = {
    blocks.DocumentDownloadBlock: [(DOCUMENT, lambda pk: _struct(document=pk, label=""))],
    blocks.CaptionedImageBlock: [
        (IMAGE, lambda pk: _struct(image=pk, decorative="", alt_text="A photo", caption=""))
    ],
    blocks.CallToActionBlock: [(PAGE, lambda pk: _struct(label="Go", page=pk, url=""))],
    blocks.LinkBlock: [(PAGE, lambda pk: _struct(label="Go", page=pk, url=""))],
    RichTextBlock: [
        (PAGE, lambda pk: rich_text(f'<p><a linktype="page" id="{pk}">a page</a></p>')),
        (DOCUMENT, lambda pk: rich_text(f'<p><a linktype="document" id="{pk}">a file</a></p>')),
    ],
}


@dataclass
class ReferenceTargets:
    """Local 12's own objects (accepted) and the foreign ones (refused), by reference kind."""

    own: dict
    foreign: dict
    parents: dict  # parent page type label -> that parent in Local 12
    international_public_document: object


def _document(title, collection):
    return wagtail_factories.DocumentFactory(
        title=title, collection=collection, file__filename="x.txt", file__data=b"x"
    )


def _image(title, collection):
    return wagtail_factories.ImageFactory(title=title, collection=collection)


def build_targets(tree):
    provision_international(tree.home)
    access12, access212 = tree.local12.access, tree.local212.access
    international_files = Collection.get_first_root_node().add_child(name="International files")

    own_document = _document("Local 12 bylaws", access12.collection)
    foreign_documents = [
        _document("212 public file", access212.collection),
        _document("212 members file", audience_collection(access212, Audience.MEMBERS)),
        _document("212 staff file", audience_collection(access212, Audience.STAFF)),
        _document("International members file", audience_collection(None, Audience.MEMBERS)),
    ]
    draft = tree.local212.add_child(
        instance=StandardPage(title="212 draft", slug="draft-212", live=False)
    )
    restricted = tree.local212.add_child(instance=StandardPage(title="212 private", slug="p-212"))
    PageViewRestriction.objects.create(
        page=restricted, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    news212 = NewsIndexPageFactory(parent=tree.local212, slug="news")
    draft_post = NewsPageFactory(parent=news212, title="212 draft post", live=False)

    calendar12 = EventIndexPageFactory(parent=tree.local12, slug="events")
    calendar212 = EventIndexPageFactory(parent=tree.local212, slug="events")
    news12 = NewsIndexPageFactory(parent=tree.local12, slug="news")
    contracts12 = ContractIndexPageFactory(parent=tree.local12)
    employer = contracts12.add_child(instance=EmployerPage(title="Acme", slug="acme"))
    library = tree.local12.add_child(instance=DocumentLibraryPage(title="Library", slug="lib"))
    own_post = NewsPageFactory(parent=news12, title="Local 12 post", date=dt.date(2030, 1, 1))
    by_type = {
        "locals.LocalPage": tree.local12,
        "news.NewsIndexPage": news12,
        "events.EventIndexPage": calendar12,
        "benefits.BenefitIndexPage": tree.local12.add_child(
            instance=BenefitIndexPage(title="Benefits", slug="benefits")
        ),
        "contracts.ContractIndexPage": contracts12,
        "contracts.EmployerPage": employer,
        "contracts.DocumentLibraryPage": library,
    }
    targets = ReferenceTargets(
        own={
            DOCUMENT: own_document,
            IMAGE: _image("Local 12 photo", access12.collection),
            PAGE: tree.local12_page,
            "news.NewsPage": own_post,
            MEETING: None,  # set below
        },
        foreign={
            DOCUMENT: foreign_documents,
            IMAGE: [_image("212 photo", access212.collection)],
            PAGE: [draft, restricted],
            "news.NewsPage": [draft_post],
            # Another local's live, public series (its page would list the document), and a
            # page of the wrong kind.
            MEETING: [
                MeetingSeriesPageFactory(parent=calendar212, title="212 meetings"),
                tree.local12_page,
            ],
        },
        parents=by_type,
        international_public_document=_document("International logo", international_files),
    )
    targets.own[MEETING] = MeetingSeriesPageFactory(parent=calendar12, title="12 meetings")
    return targets


# Page foreign keys by field name: what kind of page each names.
PAGE_FIELDS = {"meeting": MEETING, "post": "news.NewsPage"}


def kind_of_field(model_field):
    """The reference kind of a foreign key, None for one the matrix does not aim at (shared
    snippets, a model limited by its form's own queryset), or raise for an unknown page FK."""
    target = model_field.related_model
    if issubclass(target, get_document_model()):
        return DOCUMENT
    if issubclass(target, get_image_model()):
        return IMAGE
    if issubclass(target, Page):
        if model_field.name not in PAGE_FIELDS:
            raise LookupError(f"add page field {model_field.name!r} to PAGE_FIELDS")
        return PAGE_FIELDS[model_field.name]
    return None


def _carries_references(block):
    from wagtail.blocks import ChooserBlock, RichTextBlock

    if isinstance(block, (ChooserBlock, RichTextBlock)):
        return True
    children = getattr(block, "child_blocks", None) or {}
    child = getattr(block, "child_block", None)
    return any(_carries_references(b) for b in [*children.values(), *([child] if child else [])])


def block_references(name, stream_block):
    """(field, kind, data builder) for each reference-carrying block of a StreamField."""
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    for child_name, child_block in stream_block.child_blocks.items():
        entries = BLOCK_REFERENCES.get(type(child_block))
        if entries is None:
            if _carries_references(child_block):
                raise LookupError(f"add {type(child_block).__name__} to BLOCK_REFERENCES")
            continue
        for kind, build in entries:
            yield (
                f"{name}.{child_name}",
                kind,
                lambda pk, n=name, c=child_name, b=build: nested_form_data(
                    {n: streamfield([(c, b(pk))])}
                ),
            )
