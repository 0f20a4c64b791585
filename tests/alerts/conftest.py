import pytest

BASE_URL = "https://www.opeiu.example"


@pytest.fixture(autouse=True)
def _alerts_settings(settings):
    settings.ALERTS_BASE_URL = BASE_URL
    settings.ALERTS_FROM_EMAIL = "OPEIU alerts <alerts@opeiu.example>"
    settings.ALERTS_RATE_PER_SECOND = 0  # no pacing in-process
    return settings
