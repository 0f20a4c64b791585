"""Pages to search for, built from the foundation's factories."""

from tests.factories import StandardPageFactory


def standard_pages(parent, count, **fields):
    start = parent.get_children().count()
    return [
        StandardPageFactory(parent=parent, slug=f"page-{start + index}", **fields)
        for index in range(count)
    ]
