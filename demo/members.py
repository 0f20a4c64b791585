"""Demo roster for Local 12: eleven members, the demo member Pat Rivera among them
(members/demo_values.py), imported the way staff import one (members.roster: a CSV with a
membership system's headings, mapped, planned, applied by Local 12's moderator), so the admin
shows a roster, a remembered column mapping and an import in the history. One person waits
for verification. Every name is invented; every email is at example.org."""

import csv
import io

from django.contrib.auth import get_user_model

from locals.models import LocalPage
from members import demo_values as pat
from members import roster
from members.models import VerificationRequest, VerificationStatus

HEADINGS = [
    "Member No",
    "First Name",
    "Last Name",
    "Email Address",
    "Phone",
    "Employer",
    "Bargaining Unit",
    "Worksite",
    "ZIP",
    "Status",
]

HP = ("HealthPartners", "Clinic and office staff")
NL = ("Northfield Lakes Credit Union", "Branch and operations staff")
IR = ("Iron Range Community Clinics", "Clinic support staff")

# (number, first, last, email, phone, (employer, unit), worksite, ZIP, status)
ROWS = [
    (
        pat.MEMBER_NUMBER,
        pat.FIRST_NAME,
        pat.LAST_NAME,
        pat.EMAIL,
        pat.PHONE,
        (pat.EMPLOYER, pat.UNIT),
        pat.WORKSITE,
        pat.POSTAL_CODE,
        pat.STATUS,
    ),
    ("12-001088", "Morgan", "Ellison", "morgan.ellison@example.org", "", HP,
     "Riverside Clinic, Minneapolis", "55454", "active"),
    ("12-002311", "Avery", "Johnson", "avery.johnson@example.org", "651-555-0132", HP,
     "Bloomington call center, Bloomington", "55431", "active"),
    ("12-002907", "Jamie", "Xiong", "", "651-555-0175", HP,
     "Como Clinic, Saint Paul", "55117", "active"),
    ("12-003150", "Robin", "Hagen", "robin.hagen@example.org", "", NL,
     "Main office, Roseville", "55113", "active"),
    ("12-003466", "Casey", "Mohamed", "casey.mohamed@example.org", "", NL,
     "Rochester branch, Rochester", "55901", "active"),
    ("12-000412", "Lou", "Bergstrom", "lou.bergstrom@example.org", "", NL,
     "Main office, Roseville", "55113", "retired"),
    ("12-004730", "Taylor", "Nguyen", "taylor.nguyen@example.org", "218-555-0161", IR,
     "Hibbing clinic, Hibbing", "55746", "active"),
    ("12-004902", "Quinn", "Aho", "quinn.aho@example.org", "", IR,
     "Lakeside clinic, Duluth", "55802", "active"),
    ("12-003981", "Jordan", "Lee", "jlee1987@example.org", "", HP,
     "Como Clinic, Saint Paul", "55104", "active"),
    ("12-001920", "Drew", "Larson", "drew.larson@example.org", "", HP,
     "Riverside Clinic, Minneapolis", "55454", "lapsed"),
]  # fmt: skip

# A member signed in with an email the roster does not have (it has an old one) asks to be
# verified: the staff's review queue shows the request matching Jordan Lee's row.
VERIFYING = {
    "username": "jordan.lee",
    "email": "jordan.lee@example.org",
    "member_number": "12-003981",
    "last_name": "Lee",
    "postal_code": "55104",
}


def roster_csv():
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(HEADINGS)
    for number, first, last, email, phone, (employer, unit), site, zip_, status in ROWS:
        writer.writerow([number, first, last, email, phone, employer, unit, site, zip_, status])
    return out.getvalue().encode()


def load(log):
    local = LocalPage.objects.filter(number=pat.LOCAL_NUMBER, slug=pat.LOCAL_SLUG).first()
    if local is None:
        log.step("no Local 12: skipped its roster")
        return
    users = get_user_model().objects
    staff = users.filter(username="local12-moderator").first()
    data = roster_csv()
    roster_file = roster.read_roster_file(data, "local-12-roster.csv")
    mapping = roster.guess_mapping(roster_file.usable_headings, roster.saved_mapping(local))
    roster.remember_mapping(local, mapping)
    plan = roster.make_plan(local, roster_file, mapping)
    if plan.added or plan.changed or plan.lapsed:
        roster.apply_plan(local, plan, user=staff, file_name="local-12-roster.csv")
    # Asked on the public form: no account until the staff approve it (members.verify).
    VerificationRequest.objects.get_or_create(
        email=VERIFYING["email"],
        local=local,
        defaults={
            "member_number": VERIFYING["member_number"],
            "last_name": VERIFYING["last_name"],
            "postal_code": VERIFYING["postal_code"],
            "status": VerificationStatus.PENDING,
        },
    )
    log.step(
        f"Local 12 roster: {len(ROWS)} members (demo member {pat.FIRST_NAME} {pat.LAST_NAME}, "
        f"{pat.EMAIL}), one verification request waiting"
    )
