import pytest


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Generated PDFs go to a temporary folder, not the worktree's media/."""
    settings.MEDIA_ROOT = tmp_path
