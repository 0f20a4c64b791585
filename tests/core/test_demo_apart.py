"""The demo content lives in demo/, apart from the product: the production image leaves it out
(.dockerignore), no module the image ships imports it, and the site starts without it."""

import ast
import fnmatch
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Local state that is neither product nor demo, whatever .dockerignore says about it.
NEVER_COPIED = {".git", ".venv", "node_modules", "media", "staticfiles", "artifacts"}


def _dockerignore_patterns():
    lines = (ROOT / ".dockerignore").read_text().splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def _left_out(relative, patterns):
    """Whether the image leaves out this path (relative to the project, with "/"), close to how
    Docker reads .dockerignore: a pattern matches from the top, "**/" at any depth, and a folder
    left out takes everything in it."""
    parts = relative.split("/")
    for depth in range(1, len(parts) + 1):
        prefix = "/".join(parts[:depth])
        for pattern in patterns:
            if fnmatch.fnmatch(prefix, pattern):
                return True
            if pattern.startswith("**/") and fnmatch.fnmatch(parts[depth - 1], pattern[3:]):
                return True
    return False


def _ignore(patterns):
    def ignore(folder, names):
        relative = Path(folder).relative_to(ROOT).as_posix()
        prefix = "" if relative == "." else relative + "/"
        return {
            name
            for name in names
            if (name in NEVER_COPIED and not prefix) or _left_out(prefix + name, patterns)
        }

    return ignore


def _shipped_python_files():
    patterns = _dockerignore_patterns()
    ignore = _ignore(patterns)
    for folder, folders, files in os.walk(ROOT):
        skipped = ignore(folder, folders + files)
        folders[:] = [name for name in folders if name not in skipped]
        yield from (Path(folder) / name for name in files if name.endswith(".py"))


def _imports_demo(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names = [node.module or ""]
        else:
            continue
        if any(name == "demo" or name.startswith("demo.") for name in names):
            return True
    return False


def test_the_image_leaves_out_the_demo_and_what_imports_it():
    patterns = _dockerignore_patterns()
    for folder in ("demo", "tests", "bench"):
        assert _left_out(f"{folder}/__init__.py", patterns), folder
    for product in ("opeiu_site/settings.py", "news/models.py", "templates/base.html"):
        assert not _left_out(product, patterns), product


def test_no_shipped_module_imports_the_demo():
    shipped = list(_shipped_python_files())
    assert ROOT / "opeiu_site" / "settings.py" in shipped
    assert ROOT / "demo" / "helpers.py" not in shipped
    importers = [
        path.relative_to(ROOT).as_posix()
        for path in shipped
        if _imports_demo(ast.parse(path.read_text(), filename=str(path)))
    ]
    assert importers == []


def test_the_site_starts_without_the_demo_folder(tmp_path):
    """The image's files alone: Django's checks pass (models, URLconf, admin hooks all load)
    and there is no load_demo command to create the demo's published accounts."""
    site = tmp_path / "site"
    shutil.copytree(ROOT, site, ignore=_ignore(_dockerignore_patterns()), symlinks=True)
    assert not (site / "demo").exists() and (site / "manage.py").exists()
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "DEBUG")}
    env.update(
        DEBUG="False",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'site.sqlite3'}",
        LOAD_DEMO_FORCE="True",
        PYTHONPATH="",
    )

    def manage(*command):
        return subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=site,
            env=env,
            capture_output=True,
            text=True,
        )

    checked = manage("check")
    assert checked.returncode == 0, checked.stderr
    demo = manage("load_demo")
    assert demo.returncode != 0
    assert "Unknown command: 'load_demo'" in demo.stderr
