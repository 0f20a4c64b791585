"""US states (with DC) and Canadian provinces and territories, by postal code.

The directory filters on these codes and its search understands both "MN" and "Minnesota".
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Country(models.TextChoices):
    US = "US", _("United States")
    CA = "CA", _("Canada")


US_STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia",
    "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
    "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
    "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
    "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon",
    "PA": "Pennsylvania", "PR": "Puerto Rico", "RI": "Rhode Island", "SC": "South Carolina",
    "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont",
    "VA": "Virginia", "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin",
    "WY": "Wyoming",
}  # fmt: skip

CA_PROVINCES = {
    "AB": "Alberta", "BC": "British Columbia", "MB": "Manitoba", "NB": "New Brunswick",
    "NL": "Newfoundland and Labrador", "NS": "Nova Scotia", "NT": "Northwest Territories",
    "NU": "Nunavut", "ON": "Ontario", "PE": "Prince Edward Island", "QC": "Quebec",
    "SK": "Saskatchewan", "YT": "Yukon",
}  # fmt: skip

REGION_NAMES = {**US_STATES, **CA_PROVINCES}

# Grouped choices for the admin and the directory filter (codes do not collide across countries).
REGION_CHOICES = [
    (Country.US.label, sorted(US_STATES.items(), key=lambda item: item[1])),
    (Country.CA.label, sorted(CA_PROVINCES.items(), key=lambda item: item[1])),
]


def region_codes_matching(text):
    """Codes whose code or name is exactly `text` (case-insensitive): "mn", "Minnesota" -> MN."""
    wanted = text.strip().casefold()
    return [
        code
        for code, name in REGION_NAMES.items()
        if wanted and wanted in (code.casefold(), name.casefold())
    ]
