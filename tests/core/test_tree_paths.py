"""Ancestor paths are computed in one place (opeiu_site/core/tree_paths.py): what it returns,
and that no other module walks treebeard's path steps by itself."""

import re
from pathlib import Path

from opeiu_site.core.tree_paths import ancestor_paths, parent_path

ROOT = Path(__file__).resolve().parents[2]
APPS = ("opeiu_site", "actions", "alerts", "benefits", "contracts", "events", "locals", "members")
APPS += ("news", "registrations")
STEP_LOOP = re.compile(r"range\([^)]*(steplen|STEP)")


def test_ancestor_paths_from_the_top_down():
    path = "000100020003"
    assert ancestor_paths(path) == ["0001", "00010002"]
    assert ancestor_paths(path, inclusive=True) == ["0001", "00010002", path]
    assert ancestor_paths(path, from_depth=2) == ["00010002"]
    assert ancestor_paths("0001") == []
    assert parent_path(path) == "00010002"


def test_no_other_module_walks_the_path_steps():
    walkers = sorted(
        str(path.relative_to(ROOT))
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts
        and path.name != "tree_paths.py"
        and STEP_LOOP.search(path.read_text())
    )
    assert walkers == []
