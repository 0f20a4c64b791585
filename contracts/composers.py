"""What other pages show of a section's contracts: the links on a local's page (its contracts
index, document libraries and officers page) and a meeting's agenda and minutes, for the
template tags of contracts_tags. Each runs a fixed number of queries and returns only live,
public pages (the queries are methods of the pages' querysets)."""

from opeiu_site.core.page_tree import section_indexes
from opeiu_site.core.sections import section_of

from .models import ContractIndexPage, DocumentLibraryPage, LibraryDocumentPage, OfficersPage


def section_pages(section):
    """The section's contracts index, public document libraries and officers page, for the
    links on a local's page (base page rows, read with the section's other index pages in
    one query per request: core.page_tree.section_indexes)."""
    return {
        "contracts": next(iter(section_indexes(section, ContractIndexPage)), None),
        "libraries": section_indexes(section, DocumentLibraryPage),
        "officers": next(iter(section_indexes(section, OfficersPage)), None),
    }


def meeting_documents(meeting):
    """{meeting date: [library documents]} linked to a meeting or series page (one query):
    only its own section's documents (another section's page may not add to it)."""
    section = section_of(meeting)
    by_date = {}
    for document in LibraryDocumentPage.objects.of_meeting(meeting, section):
        by_date.setdefault(document.held_on, []).append(document)
    return by_date
