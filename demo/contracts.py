"""Demo content for Local 12: three employers (HealthPartners from the seed; the other two are
fictional), a contract in force, one expired and in bargaining, one tentative agreement with its
ratification vote, all dated relative to today; generated PDFs with clause headings; bylaws;
Executive Board minutes (one set for members only); officers and two stewards per unit. Every
name of a person here is invented and marked "(demo)"."""

import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Page, PageViewRestriction

from contracts.models import (
    BargainingUnit,
    ContractIndexPage,
    ContractPage,
    ContractStatus,
    DocumentKind,
    DocumentLibraryPage,
    EmployerPage,
    LibraryDocumentPage,
    Officer,
    OfficersPage,
    Steward,
)
from contracts.pdf import pdf_bytes
from demo import contract_texts
from demo.helpers import ensure_image, ensure_page, find_page
from locals import audience

EMPLOYERS = [
    {
        "slug": "healthpartners",
        "title": "HealthPartners",
        "news_tag": "healthpartners",
        "about": "Clinic, call center and office staff at HealthPartners in the Twin Cities. "
        "The contract expired and bargaining is under way: see the CAT meetings and Strike "
        "School in the calendar.",
        "unit": (
            "Clinic and office staff",
            "Como Clinic, Saint Paul\nRiverside Clinic, "
            "Minneapolis\nBloomington call center, Bloomington",
            900,
        ),
        "stewards": [
            (
                "Dana Okafor (demo)",
                "Como Clinic",
                "dana.okafor@example.org",
                True,
                "651-555-0111",
                True,
            ),
            (
                "Luis Brandt (demo)",
                "Bloomington call center",
                "luis.brandt@example.org",
                False,
                "651-555-0147",
                False,
            ),
        ],
    },
    {
        "slug": "northfield-lakes-credit-union",
        "title": "Northfield Lakes Credit Union (fictional)",
        "about": "Tellers, member service and back-office staff at a fictional credit union "
        "with branches around the metro and in Rochester.",
        "unit": (
            "Branch and operations staff",
            "Main office, Roseville\nRochester branch, Rochester",
            140,
        ),
        "stewards": [
            ("Priya Nygaard (demo)", "Main office", "priya.nygaard@example.org", True, "", False),
            ("Tom Halvorsen (demo)", "Rochester branch", "", False, "507-555-0123", True),
        ],
    },
    {
        "slug": "iron-range-community-clinics",
        "title": "Iron Range Community Clinics (fictional)",
        "about": "Front desk, billing and medical records staff at a fictional network of "
        "community clinics on the Iron Range and in Duluth.",
        "unit": ("Clinic support staff", "Hibbing clinic, Hibbing\nLakeside clinic, Duluth", 85),
        "stewards": [
            ("Jenna Kowalczyk (demo)", "Hibbing clinic", "jenna.k@example.org", True, "", False),
            ("Marcus Lind (demo)", "Lakeside clinic, Duluth", "", False, "218-555-0188", False),
        ],
    },
]

# The steward phone numbers that are private in the demo (tests check they never leak).
PRIVATE_DEMO_PHONES = ["651-555-0147", "218-555-0188"]

OFFICERS = [
    ("officer", "President", "Renee Lindqvist (demo)", "2024–2027", True),
    ("officer", "Vice President", "Samuel Ortiz (demo)", "2024–2027", False),
    ("officer", "Secretary-Treasurer", "Grace Thao (demo)", "2024–2027", False),
    ("officer", "Recording Secretary", "Ahmed Warsame (demo)", "2024–2027", False),
    ("staff", "Business Representative", "Kari Johansson (demo)", "", False),
    ("staff", "Office Manager", "Beth Moreau (demo)", "", False),
]


def _years_ago(day, years):
    return (
        day.replace(year=day.year - years)
        if not (day.month == 2 and day.day == 29)
        else (day - dt.timedelta(days=365 * years))
    )


def _document(title, filename, pages, collection):
    model = get_document_model()
    existing = model.objects.filter(title=title).first()
    if existing is not None:
        return existing
    document = model(title=title, collection=collection) if collection else model(title=title)
    document.file.save(filename, ContentFile(pdf_bytes(pages, title=title)), save=False)
    document.file_size = document.file.size
    document.save()
    return document


def _contract_specs(today):
    """(employer slug, slug, status, effective, expiry, vote date, summary) per demo contract."""
    hp_expired = today - dt.timedelta(days=61)
    nl_expiry = today + dt.timedelta(days=43)
    ir_vote = today + dt.timedelta(days=9)
    return [
        (
            "healthpartners",
            "contract-previous",
            ContractStatus.IN_FORCE,
            _years_ago(hp_expired, 6),
            _years_ago(hp_expired, 3),
            None,
            "The agreement before the last one, kept for reference.",
        ),
        (
            "healthpartners",
            "contract",
            ContractStatus.BARGAINING,
            _years_ago(hp_expired, 3),
            hp_expired,
            None,
            "The contract expired; its terms continue while we bargain the next one.",
        ),
        (
            "northfield-lakes-credit-union",
            "contract",
            ContractStatus.IN_FORCE,
            _years_ago(nl_expiry, 3),
            nl_expiry,
            None,
            "Raises of 4% a year and a new remote-work letter of agreement.",
        ),
        (
            "iron-range-community-clinics",
            "tentative-agreement",
            ContractStatus.TENTATIVE,
            today + dt.timedelta(days=30),
            _years_ago(today, -3),
            ir_vote,
            "The bargaining team recommends a yes vote: raises, a Juneteenth holiday and "
            "stronger seniority language.",
        ),
    ]


def _ensure_employers(index, collection, log):
    employers = {}
    for spec in EMPLOYERS:
        unit_name, worksites, members = spec["unit"]
        employer, created = ensure_page(
            index,
            EmployerPage,
            spec["slug"],
            title=spec["title"],
            about=spec["about"],
            news_tag=spec.get("news_tag", ""),
            units=[BargainingUnit(name=unit_name, worksites=worksites, member_count=members)],
            stewards=[
                Steward(
                    name=name,
                    unit_or_worksite=where,
                    email=email,
                    show_email=show_email,
                    phone=phone,
                    show_phone=show_phone,
                )
                for name, where, email, show_email, phone, show_phone in spec["stewards"]
            ],
        )
        employers[spec["slug"]] = employer
    log.step(f"contracts: {len(employers)} employers under {index.url_path}")
    return employers


def _ensure_contracts(employers, collection, today):
    for employer_slug, slug, status, effective, expiry, vote, summary in _contract_specs(today):
        employer = employers[employer_slug]
        unit = employer.units.first()
        years = f"{effective:%B %-d, %Y} to {expiry:%B %-d, %Y}"
        label = "Tentative agreement" if status == ContractStatus.TENTATIVE else "Contract"
        name = employer.title.removesuffix(" (fictional)")
        title = f"{name} {label.lower()} {effective.year}–{expiry.year}"
        document = _document(
            f"{title} (demo)",
            f"{employer_slug}-{slug}.pdf",
            contract_texts.contract_pages(employer.title, unit.name, years),
            collection,
        )
        ensure_page(
            employer,
            ContractPage,
            slug,
            title=title,
            unit=unit,
            status=status,
            effective_date=effective,
            expiry_date=expiry,
            ratification_vote_date=vote,
            document=document,
            summary=summary,
        )


def _first_wednesday(year, month):
    day = dt.date(year, month, 1)
    return day + dt.timedelta(days=(2 - day.weekday()) % 7)


def _past_board_dates(today, count):
    dates, year, month = [], today.year, today.month
    while len(dates) < count:
        day = _first_wednesday(year, month)
        if day < today:
            dates.append(day)
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return dates


def _next_board_date(today):
    day = _first_wednesday(today.year, today.month)
    if day >= today:
        return day
    year, month = (today.year, today.month + 1) if today.month < 12 else (today.year + 1, 1)
    return _first_wednesday(year, month)


def _ensure_board_document(library, board, day, kind, collection, closed=False):
    """Minutes or an agenda of the Executive Board meeting of `day`, linked to the series."""
    text = f"{day:%B} {day.day}, {day.year}"
    name = f"Executive Board {'closed session ' if closed else ''}{kind.label.lower()}"
    slug = f"{name.lower().replace(' ', '-')}-{day:%Y-%m-%d}"
    pages = (
        contract_texts.agenda_pages(text)
        if kind == DocumentKind.AGENDA
        else contract_texts.minutes_pages(text, closed=closed)
    )
    document = _document(f"{name}, {text} (demo)", f"{slug}.pdf", pages, collection)
    ensure_page(
        library,
        LibraryDocumentPage,
        slug,
        title=f"{name}, {text}",
        kind=kind,
        date=day,
        document=document,
        meeting=board,
        meeting_date=day,
    )


def _ensure_library(local, collection, today, log):
    library, _ = ensure_page(
        local,
        DocumentLibraryPage,
        "documents",
        title="Documents",
        intro="Our bylaws and constitution, and the agendas and minutes of the Executive Board.",
    )
    bylaws = _document(
        "Local 12 bylaws (demo)", "local-12-bylaws.pdf", contract_texts.BYLAWS, collection
    )
    ensure_page(
        library,
        LibraryDocumentPage,
        "bylaws",
        title="Bylaws of Local 12",
        kind=DocumentKind.BYLAWS,
        date=dt.date(today.year - 1, 6, 1),
        document=bylaws,
        description="How Local 12 governs itself: meetings, the Executive Board, stewards.",
    )
    board = find_page("executive-board")
    meetings = [(day, DocumentKind.MINUTES) for day in _past_board_dates(today, 2)]
    meetings.append((_next_board_date(today), DocumentKind.AGENDA))
    for day, kind in meetings:
        _ensure_board_document(library, board, day, kind, collection)
    members, created = ensure_page(
        local,
        DocumentLibraryPage,
        "members-only",
        title="Members-only documents",
        intro="Minutes of closed sessions. Log in as a member of Local 12 to read them.",
    )
    # For Local 12's members (and staff), not any account; its files are uploaded straight
    # into Local 12's members-only collection (locals.audience).
    audience.restrict(PageViewRestriction, audience.members_groups(local.access), page=members)
    members_files = audience.audience_collection(local.access, audience.Audience.MEMBERS)
    day = _past_board_dates(today, 1)[0]
    _ensure_board_document(members, board, day, DocumentKind.MINUTES, members_files, closed=True)
    log.step(f"documents: {library.url_path} and a members-only library {members.url_path}")


def _ensure_officers(local, collection):
    people = []
    for kind, role, name, term, with_photo in OFFICERS:
        photo = None
        if with_photo:
            photo = ensure_image(
                f"Portrait: {name}",
                "local-12-president.jpg",
                name,
                size=(400, 400),
                collection=collection,
            )
        people.append(
            Officer(
                kind=kind,
                role=role,
                name=name,
                term=term,
                photo=photo,
                photo_alt=f"Portrait of {name}" if photo else "",
            )
        )
    ensure_page(
        local,
        OfficersPage,
        "officers",
        title="Officers and staff",
        intro="Local 12's elected officers and the staff who serve the members.",
        people=people,
    )


def load(log):
    local = find_page("local-12", Page)
    if local is None:
        log.step("no page with the slug local-12: skipped contracts")
        return
    local = local.specific
    access = getattr(local, "access", None)
    collection = access.collection if access is not None else None
    today = timezone.localdate()
    index, _ = ensure_page(
        local,
        ContractIndexPage,
        "contracts",
        title="Contracts",
        intro="Find your contract, search inside it, and see where bargaining stands.",
    )
    employers = _ensure_employers(index, collection, log)
    _ensure_contracts(employers, collection, today)
    _ensure_library(local, collection, today, log)
    _ensure_officers(local, collection)
    log.step("contracts: 4 contracts, bylaws, minutes, officers and stewards for Local 12")
