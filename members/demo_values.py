"""The demo member on Local 12's demo roster (demo/members.py): one place for their values.

The roster, sign-in and "My union" demos and tests all read these. The employer, unit and
worksite are demo/contracts.py's HealthPartners: its unit has a contract (with its PDF), the
CAT meetings in Local 12's calendar, and Como Clinic has a steward whose email and phone are
public (Dana Okafor).
"""

LOCAL_NUMBER = 12
LOCAL_SLUG = "local-12"

MEMBER_NUMBER = "12-004217"
FIRST_NAME = "Pat"
LAST_NAME = "Rivera"
EMAIL = "pat.rivera@example.org"
PHONE = "651-555-0190"
POSTAL_CODE = "10001"
STATUS = "active"

# As the roster spells them (the membership system's export), and the demo pages they match.
EMPLOYER = "HealthPartners"
EMPLOYER_SLUG = "healthpartners"  # the EmployerPage under Local 12's contracts index
UNIT = "Clinic and office staff"  # BargainingUnit.name of that employer
WORKSITE = "Como Clinic, Saint Paul"  # a line of the unit's worksites
STEWARD_WORKSITE = "Como Clinic"  # Steward.unit_or_worksite of the steward there
STEWARD_NAME = "Dana Okafor (demo)"
