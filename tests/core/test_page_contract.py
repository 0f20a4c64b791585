"""The page class owns its contract (issue 23, item 2): docs/caching.md's table of page types is
the one the classes declare, and what a publish purges follows the class's attributes."""

import re
from pathlib import Path

from contracts.models import ContractPage
from events.models import EventPage
from locals.models import LocalPage
from opeiu_site.home.models import StandardPage
from opeiu_site.ops.invalidation import page_type_table

DOCS = Path(__file__).resolve().parents[2] / "docs" / "caching.md"
GENERATED = re.compile(r"<!-- page-types:[^>]*-->\n(.*?)\n<!-- /page-types -->", re.DOTALL)


def test_the_docs_table_of_page_types_is_the_classes_own():
    found = GENERATED.search(DOCS.read_text())
    assert found, "docs/caching.md lost its generated table of page types"
    assert found.group(1) == page_type_table(), (
        "docs/caching.md's table of page types differs from the classes; paste this:\n"
        + page_type_table()
    )


def test_listing_tags_follow_the_class_attributes():
    paths = ["000100010001", "0001000100010002"]
    assert ContractPage.listing_tags_in("local-12", paths) == {"contracts-local-12"}
    assert EventPage.listing_tags_in("international", paths) == {
        "events-international",
        "events-tree-000100010001",
        "events-tree-0001000100010002",
    }
    assert LocalPage.listing_tags_in("local-12", paths) == {"locals-all"}
    assert StandardPage.listing_tags_in("local-12", paths) == set()
