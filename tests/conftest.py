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
