import pytest

from tests.news.factories import NewsIndexPageFactory


@pytest.fixture
def news_index(home):
    return NewsIndexPageFactory(parent=home, show_in_menus=True)


@pytest.fixture
def media(settings, tmp_path):
    """Uploaded images and documents go to a temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path
