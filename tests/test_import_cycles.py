"""No module of a first-party app imports, even from inside a function, a module that imports it
back: each app reads top-down (DESIGN.md, "Apps and the way imports run").

The graph is read from the source with `ast`, so an import hidden in a function body counts
as much as one at the top of the file: such an import only hides a cycle from Python, not from
the reader. Edges are the imports between modules of one app (`from . import x`,
`from .x import y`, `import app.x`, `from app.x import y`); imports of other apps are the
layering DESIGN.md describes and are not checked here. A package is its `__init__`: an
edge goes from it to the submodules it re-exports, not from a submodule back to it.

No cycle is allowed: there is no list of exceptions. Where a page class needs a module that
works on pages (a listing, a finder, a query helper), that module sits below the page classes:
it imports no page class, the page hands in its class or queryset (events.queries,
benefits.offers, contracts.listing, locals.queries, news.listing), and choices both use sit in
the app's `choices` module (events, contracts, locals).
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ("actions", "alerts", "benefits", "contracts", "events", "locals", "news", "opeiu_site")


def module_name(path, root=ROOT):
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def app_modules(app, root=ROOT):
    """{dotted name: path} of every module of the app (packages by their __init__)."""
    return {
        module_name(path, root): path
        for path in sorted((root / app).rglob("*.py"))
        if "node_modules" not in path.parts
    }


def _known(name, modules):
    """The module `name` is, or the module it is an attribute of (`events.models.EventPage`
    is `events.models`); None outside the app."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def imports_of(name, path, modules):
    """The modules of the same app that module `name` imports, anywhere in its body."""
    is_package = path.name == "__init__.py"
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                found.add(_known(alias.name, modules))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                package = name if is_package else name.rpartition(".")[0]
                for _ in range(node.level - 1):
                    package = package.rpartition(".")[0]
                base = ".".join(part for part in (package, node.module) if part)
            else:
                base = node.module or ""
            for alias in node.names:
                # `from . import views` names a module; `from .models import Page` an attribute.
                submodule = f"{base}.{alias.name}"
                found.add(submodule if submodule in modules else _known(base, modules))
    found.discard(None)
    found.discard(name)
    return found


def import_graph(app, root=ROOT):
    modules = app_modules(app, root)
    return {name: imports_of(name, path, modules) for name, path in modules.items()}


def strongly_connected(graph):
    """Tarjan's algorithm: the groups of modules that reach each other (only groups of two or
    more: a cycle)."""
    index, low, on_stack, stack, groups = {}, {}, set(), [], []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(frozenset(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def a_cycle(graph, group):
    """One closed path through the group, to name in a failure: a -> b -> a."""
    start = min(group)
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for target in sorted(graph[node] & group):
            if target == start:
                return " -> ".join([*paths[node], start])
            if target not in paths:
                paths[target] = [*paths[node], target]
                queue.append(target)
    raise AssertionError("not a cycle")


def cycles(app, root=ROOT):
    """{group of modules: one cycle through them} of the app."""
    graph = import_graph(app, root)
    return {group: a_cycle(graph, group) for group in strongly_connected(graph)}


@pytest.mark.parametrize("app", APPS)
def test_no_import_cycles(app):
    found = cycles(app)
    assert not found, "import cycles:\n" + "\n".join(sorted(found.values()))


def test_function_level_and_relative_imports_count(tmp_path):
    """The checker sees the ways an import cycle hides: a function-level import, `from . import
    x`, `from .x import y` and `from ..x import y` in a subpackage, and an absolute import."""
    app = tmp_path / "app"
    (app / "models").mkdir(parents=True)
    (app / "__init__.py").write_text("")
    (app / "models" / "__init__.py").write_text("from .pages import Page\n")
    (app / "models" / "pages.py").write_text("def serve():\n    from ..views import render\n")
    (app / "views.py").write_text("from . import listing\n")
    (app / "listing.py").write_text("import app.models\n")
    (app / "feeds.py").write_text("from .models import Page\n")

    assert cycles("app", tmp_path) == {
        frozenset({"app.models", "app.models.pages", "app.views", "app.listing"}): (
            "app.listing -> app.models -> app.models.pages -> app.views -> app.listing"
        )
    }
