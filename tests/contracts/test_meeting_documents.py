"""A meeting's page lists the agendas and minutes naming it: only its own section's, only
public ones, and a new one shows at once (its cache is purged); a document's page names its
meeting only if anyone may open that meeting's page (issue 22, item 5)."""

import datetime as dt

import pytest
from wagtail.models import PageViewRestriction

from opeiu_site.ops import page_cache
from tests.events.factories import EventIndexPageFactory, MeetingSeriesPageFactory
from tests.locals.helpers import build_locals_tree

from .factories import DocumentLibraryPageFactory, LibraryDocumentPageFactory, make_pdf, publish

pytestmark = pytest.mark.django_db

DAY = dt.date(2030, 3, 6)


@pytest.fixture
def meetings(home, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    tree = build_locals_tree(home)
    calendar = publish(EventIndexPageFactory(parent=tree.local12, slug="events"))
    board = publish(MeetingSeriesPageFactory(parent=calendar, title="Executive Board"))
    caucus = publish(MeetingSeriesPageFactory(parent=calendar, title="Secret caucus"))
    PageViewRestriction.objects.create(
        page=caucus, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    library = publish(DocumentLibraryPageFactory(parent=tree.local12))
    library212 = publish(DocumentLibraryPageFactory(parent=tree.local212, slug="docs212"))
    pdf = make_pdf("Agenda", collection=tree.local12.access.collection)

    def document(parent, title, meeting, collection=None):
        return publish(
            LibraryDocumentPageFactory(
                parent=parent,
                title=title,
                kind="agenda",
                date=DAY,
                document=pdf if collection is None else make_pdf(title, collection=collection),
                meeting=meeting,
            )
        )

    agenda = document(library, "Board agenda", board)
    caucus_notes = document(library, "Caucus notes", caucus)
    # Another local's document naming Local 12's series (as only a superuser could now).
    planted = document(library212, "Planted 212 agenda", board, tree.local212.access.collection)
    return {
        "planted": planted,
        "board": board,
        "library": library,
        "agenda": agenda,
        "caucus_notes": caucus_notes,
        "document": document,
    }


@pytest.mark.clock
def test_a_meeting_lists_only_its_own_sections_public_documents(client, meetings):
    page = client.get(meetings["board"].url).content.decode()
    assert f'href="{meetings["agenda"].url}"' in page
    assert meetings["planted"].url not in page


@pytest.mark.clock
def test_a_document_names_its_meeting_only_if_anyone_may_open_it(client, meetings):
    assert "Executive Board" in client.get(meetings["agenda"].url).content.decode()
    notes = client.get(meetings["caucus_notes"].url).content.decode()
    assert "Secret caucus" not in notes


@pytest.mark.clock
def test_a_new_agenda_shows_on_its_meetings_cached_page_at_once(client, meetings, page_cache_on):
    url = meetings["board"].url
    client.get(url)
    assert client.get(url).get(page_cache.HIT_HEADER) == "HIT"
    new = meetings["document"](meetings["library"], "Special meeting agenda", meetings["board"])
    response = client.get(url)
    assert response.get(page_cache.HIT_HEADER) == "MISS"
    assert f'href="{new.url}"' in response.content.decode()
