"""Treebeard's materialised paths, read without a query: a page's path is its parent's path
plus one fixed-width step (`Page.steplen` characters), so its ancestors' paths are prefixes of
its own. The one place that computes them (routing, restrictions, sections, invalidation,
the admin scope and audiences all ask here)."""

from wagtail.models import Page

STEP = Page.steplen


def ancestor_paths(path, *, inclusive=False, from_depth=1):
    """The paths of the ancestors of the page at `path`, from the top down: from the tree's root
    node (depth 1; `from_depth=2` leaves it out), and the page's own path last if `inclusive`."""
    end = len(path) + 1 if inclusive else len(path)
    return [path[:length] for length in range(STEP * from_depth, end, STEP)]


def parent_path(path):
    """The path of the parent of the page at `path`."""
    return path[:-STEP]
