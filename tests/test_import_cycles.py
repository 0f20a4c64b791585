"""No module of a first-party app imports, even from inside a function, a module that imports it
back: each app reads top-down (DESIGN.md, "Apps and the way imports run").

The graph is read from the source with `ast`, so an import hidden in a function body counts
as much as one at the top of the file: such an import only hides a cycle from Python, not from
the reader. Edges are the imports between modules of one app (`from . import x`,
`from .x import y`, `import app.x`, `from app.x import y`); imports of other apps are the
layering DESIGN.md describes and are not checked here. A package is its `__init__`: an
edge goes from it to the submodules it re-exports, not from a submodule back to it.

No cycle is allowed: there is no list of exceptions.

Between apps, the layering docs/ARCHITECTURE.md states ("The apps and the way imports run") is
checked the same way (`LAYERS`): core imports no app, ops only core, the content apps only
core, home core and contracts, locals core and the content apps. A model looked up by its
label (`apps.get_model("news", ...)`, `apps.is_installed("news")`) counts as an import: it is
one, hidden from Python's import graph. Queries about pages are methods of the pages' querysets
(`NewsPage.objects.of_section(section)`, `ContractPage.objects.of_employer(employer)`: core's
PublicPageQuerySet, extended in each app's models), so no module is handed a page class; the
filter forms of the listings sit below the models (each app's `listing` module) and the choices
both use in the app's `choices` module (events, contracts, locals).
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = (
    "actions",
    "alerts",
    "benefits",
    "contracts",
    "events",
    "locals",
    "members",
    "news",
    "opeiu_site",
    "registrations",
)


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


# --- layering between apps (docs/ARCHITECTURE.md) -------------------------------------------

CORE, OPS, HOME = "opeiu_site.core", "opeiu_site.ops", "opeiu_site.home"
CONTENT_APPS = ("news", "events", "benefits", "actions", "contracts")
# The first-party apps each app may import. An app not listed here (demo, the site's urls and
# settings, apps on their way in) is not checked, but no listed app may import it.
LAYERS = {
    CORE: set(),
    OPS: {CORE},
    **{app: {CORE} for app in CONTENT_APPS},
    HOME: {CORE, "contracts"},
    "locals": {CORE, *CONTENT_APPS},
    # The capabilities above the locals: members (rosters, sign-in, My union) and alerts.
    "members": {CORE, OPS, "locals", *CONTENT_APPS},
    "alerts": {CORE, OPS, "locals", *CONTENT_APPS, "members"},
    "registrations": {CORE, OPS, "locals", *CONTENT_APPS},
}
LABELS = {"core": CORE, "ops": OPS, "home": HOME}  # app labels that are not their package
FIRST_PARTY_ROOTS = (
    "opeiu_site",
    *CONTENT_APPS,
    "locals",
    "members",
    "alerts",
    "registrations",
    "demo",
)


def app_of(name):
    """The first-party app a dotted module name belongs to, or None (Django, Wagtail...)."""
    for app in (CORE, OPS, HOME):
        if name == app or name.startswith(f"{app}."):
            return app
    root = name.partition(".")[0]
    return root if root in FIRST_PARTY_ROOTS else None


def _absolute(module, node, is_package):
    if not node.level:
        return node.module or ""
    package = module if is_package else module.rpartition(".")[0]
    for _ in range(node.level - 1):
        package = package.rpartition(".")[0]
    return ".".join(part for part in (package, node.module) if part)


def _label_lookups(node):
    """`apps.get_model("news", "NewsPage")`, `apps.get_model("news.NewsPage")`,
    `apps.is_installed("news")`: the app label looked up, or None."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
        return None
    if node.func.attr not in ("get_model", "is_installed") or not node.args:
        return None
    first = node.args[0]
    if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
        return None
    label = first.value.partition(".")[0]
    return LABELS.get(label, label)


def app_imports(app, root=ROOT):
    """{other first-party app: [modules of `app` that import it]}, imports anywhere in a
    module's body and label look-ups included; migrations left out (Django writes them)."""
    found = {}
    for name, path in app_modules(app.replace(".", "/"), root).items():
        if "migrations" in path.parts:
            continue
        module = app.replace("/", ".") if name == "" else name
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            targets = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = _absolute(module, node, path.name == "__init__.py")
                targets = [base, *(f"{base}.{alias.name}" for alias in node.names)]
            elif (label := _label_lookups(node)) is not None:
                targets = [label]
            for target in targets:
                other = app_of(target)
                if other is not None and other != app and app_of(module) == app:
                    found.setdefault(other, set()).add(module)
    return found


def layering_violations(layers=LAYERS, root=ROOT):
    return sorted(
        f"{app} imports {other} ({', '.join(sorted(modules))})"
        for app, allowed in layers.items()
        for other, modules in app_imports(app, root).items()
        if other not in allowed
    )


def test_apps_import_only_the_layers_below_them():
    violations = layering_violations()
    assert not violations, "imports against docs/ARCHITECTURE.md's layering:\n" + "\n".join(
        violations
    )


def test_the_layering_check_sees_imports_and_label_lookups(tmp_path):
    """It finds an import of an app above, a relative one into a sibling app of the same
    package, one in a function body, and a model looked up by its label."""
    (tmp_path / "opeiu_site" / "core").mkdir(parents=True)
    (tmp_path / "opeiu_site" / "ops").mkdir()
    (tmp_path / "news").mkdir()
    (tmp_path / "contracts").mkdir()
    for package in ("opeiu_site", "opeiu_site/core", "opeiu_site/ops", "news", "contracts"):
        (tmp_path / package / "__init__.py").write_text("")
    (tmp_path / "opeiu_site" / "core" / "tags.py").write_text("from ..ops import purge\n")
    (tmp_path / "opeiu_site" / "ops" / "purge.py").write_text("from opeiu_site.core import x\n")
    (tmp_path / "contracts" / "queries.py").write_text(
        "def news():\n    return apps.get_model('news', 'NewsPage')\n"
    )
    (tmp_path / "news" / "models.py").write_text("def f():\n    import contracts.queries\n")

    assert layering_violations(root=tmp_path) == [
        "contracts imports news (contracts.queries)",
        "news imports contracts (news.models)",
        "opeiu_site.core imports opeiu_site.ops (opeiu_site.core.tags)",
    ]
