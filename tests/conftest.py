import os
import shutil
from pathlib import Path

import pytest
from wagtail.models import Page, Site

from opeiu_site.core.models import SiteSettings
from tests.factories import HomePageFactory


@pytest.fixture
def home(db):
    """The International's home page as the default site's root, with its contact settings."""
    root = Page.get_first_root_node()
    # Wagtail's migration leaves a placeholder page and site; replace them like load_demo does.
    Site.objects.all().delete()
    for child in root.get_children():
        child.delete()
    home = HomePageFactory(parent=root, slug="home", title="Office and Professional Employees")
    site = Site.objects.create(
        hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="OPEIU"
    )
    settings = SiteSettings.for_site(site)
    settings.address = "80 Eighth Avenue, Suite 201\nNew York, NY 10011"
    settings.phone = "(800) 346-7348"
    settings.save()
    return home


@pytest.fixture
def site(home):
    return Site.objects.get(root_page=home)


ROOT = Path(__file__).resolve().parent.parent


def require_tool(available, what):
    """Skip a test whose outside tool is missing, except in CI (CI=true), where it must run."""
    if available:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{what} is required in CI but is not installed")
    pytest.skip(f"{what} is not installed")


@pytest.fixture(scope="session")
def node_modules():
    """The repo's node_modules (axe-core, ical.js from package-lock.json), with node on PATH."""
    path = ROOT / "node_modules"
    require_tool(
        shutil.which("node") is not None and (path / ".installed").exists(),
        "node with the repo's node_modules (make install)",
    )
    return path
