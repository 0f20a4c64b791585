"""Demo benefits and promos: the AT&T offer (open, with its PDF), the MetLife Legal Plans offer
(closed since May 2, 2022), one clearly-labelled sample offer that ends soon, and the home
page's promos. Facts from shared/DEMO_CONTENT.md; the prose is ours."""

import datetime as dt
import json
from zoneinfo import ZoneInfo

from django.utils import timezone

from benefits.models import BenefitCategory, BenefitDocument, BenefitIndexPage, BenefitPage, Promo
from demo.helpers import ensure_page, ensure_pdf_document, find_page

NEW_YORK = ZoneInfo("America/New_York")
CATEGORIES = [
    ("Legal", "legal"),
    ("Insurance", "insurance"),
    ("Phone and internet", "phone-and-internet"),
    ("Travel", "travel"),
    ("Education", "education"),
    ("Health", "health"),
]


def _at(year, month, day, hour=0, minute=0):
    return dt.datetime(year, month, day, hour, minute, tzinfo=NEW_YORK)


def _body(*paragraphs):
    return json.dumps([{"type": "paragraph", "value": f"<p>{text}</p>"} for text in paragraphs])


def _links(*links):
    """LinkBlock stream data from (label, page or None, url) tuples."""
    return json.dumps(
        [
            {
                "type": "link",
                "value": {"label": label, "page": page.pk if page else None, "url": url},
            }
            for label, page, url in links
        ]
    )


def load_categories():
    return {
        slug: BenefitCategory.objects.get_or_create(slug=slug, defaults={"name": name})[0]
        for name, slug in CATEGORIES
    }


def load_offers(home, log):
    categories = load_categories()
    index, _ = ensure_page(
        home,
        BenefitIndexPage,
        "benefits",
        title="Member benefits",
        show_in_menus=True,
        intro=(
            "Discounts and plans negotiated for OPEIU members and their families. Offers with "
            "a closing date leave this list when they close; the archive keeps them for reference."
        ),
    )
    pdf = ensure_pdf_document(
        "AT&T discounts for OPEIU members",
        "att-discounts-opeiu.pdf",
        [
            "OPEIU members can save on qualifying AT&T wireless service.",
            "Ask AT&T for the union member discount and have your local's name ready.",
            "Eligible plans and the discount amount are set by AT&T and may change.",
            "Questions: your local union office.",
        ],
    )
    _, created = ensure_page(
        index,
        BenefitPage,
        "att-discounts",
        title="AT&T discounts for OPEIU members",
        provider="AT&T",
        category=categories["phone-and-internet"],
        summary="Union members save on qualifying AT&T wireless plans and accessories.",
        eligibility="OPEIU members in good standing.",
        price="Member discount on eligible plans",
        opens_at=_at(2011, 3, 16),
        terms="Eligible plans and discount levels are set by AT&T and may change.",
        enrol_url="https://www.att.com/",
        body=_body(
            "Tell AT&T you are a union member when you sign up or renew, and the member "
            "discount is applied to your qualifying plan.",
            "The PDF below explains which plans qualify and how to claim the saving.",
        ),
        documents=[BenefitDocument(document=pdf, label="How to claim the AT&T member discount")],
    )
    log.step(f"{'created' if created else 'kept'} AT&T offer (open, with PDF)")
    _, created = ensure_page(
        index,
        BenefitPage,
        "metlife-legal-plans",
        title="MetLife Legal Plans for only $19.95 per Month",
        provider="MetLife Legal Plans",
        category=categories["legal"],
        summary=(
            "A limited-time open enrollment in a group legal plan: attorney help with wills, "
            "home purchases, traffic matters and more for a flat monthly price."
        ),
        eligibility="OPEIU members not already enrolled in the plan.",
        price="$19.95 per month",
        terms="New customers only.",
        opens_at=_at(2022, 4, 15),
        closes_at=_at(2022, 5, 2, 23, 59),
        body=_body(
            "This special enrollment window let members join the legal plan at a reduced "
            "monthly price. Enrollment ended on May 2, 2022.",
        ),
    )
    log.step(f"{'created' if created else 'kept'} MetLife Legal Plans offer (closed 2022-05-02)")
    closes = timezone.localtime(timezone.now() + dt.timedelta(days=10), NEW_YORK)
    _, created = ensure_page(
        index,
        BenefitPage,
        "sample-course-discount",
        title="Sample offer (demo data): course fee discount",
        provider="Example College (demo data, not a real offer)",
        category=categories["education"],
        summary=(
            "Demo data only: a made-up offer that closes ten days after the demo was loaded, "
            "to show how an offer is flagged before it ends."
        ),
        price="Demo: 10% off course fees",
        closes_at=closes.replace(hour=23, minute=59, second=0, microsecond=0),
        body=_body("This is not a real offer. It exists to show the “Ends soon” label."),
    )
    log.step(f"{'created' if created else 'kept'} sample offer ending soon (demo data)")
    return index


def load_promos(home, log):
    from opeiu_site.core.models import SiteSettings

    settings = SiteSettings.objects.filter(site__root_page=home).first()
    app_store = getattr(settings, "app_store_url", "") or "https://apps.apple.com/"
    google_play = getattr(settings, "google_play_url", "") or "https://play.google.com/"
    member_team = find_page("member-action-team")
    retiree_team = find_page("retiree-action-team")
    promos = [
        {
            "title": "Download the OPEIU app",
            "text": "News, your contract and your local in your pocket. Free: search for “OPEIU”.",
            "links": _links(("App Store", None, app_store), ("Google Play", None, google_play)),
            "starts_at": _at(2022, 1, 1),
            "priority": 30,
        },
        {
            "title": "Join the OPEIU Member Action Team",
            "text": "Be ready to act when working people come under attack.",
            "links": _links(("Join the team", member_team, "")) if member_team else "[]",
            "starts_at": _at(2022, 1, 1),
            "priority": 20,
        },
        {
            "title": "Stay connected! Join the OPEIU Retiree Action Team",
            "text": "Retiree news, benefits updates and ways to keep fighting for working people.",
            "links": _links(("Sign up", retiree_team, "")) if retiree_team else "[]",
            "starts_at": _at(2022, 1, 1),
            "priority": 10,
        },
        {
            "title": "Latest OPEIU Connect",
            "text": "The union’s magazine: organizing wins, member stories, news from the locals.",
            "links": "[]",
            "starts_at": _at(2022, 5, 1),
            "priority": 0,
        },
        {
            "title": "Election 2024",
            "text": (
                "See where the candidates stand, register or check your registration, and make "
                "a plan to vote on November 5, 2024."
            ),
            "links": _links(("Register or check your registration", None, "https://vote.gov/")),
            "starts_at": _at(2024, 9, 1),
            "ends_at": _at(2024, 11, 5, 23, 59),
            "priority": 40,
        },
    ]
    created_count = 0
    for fields in promos:
        title = fields.pop("title")
        _, created = Promo.objects.get_or_create(title=title, defaults=fields)
        created_count += created
    log.step(f"promos: {created_count} created, {len(promos) - created_count} kept")


def load(log):
    from opeiu_site.home.models import HomePage

    home = HomePage.objects.first()
    if home is None:
        return
    load_offers(home, log)
    load_promos(home, log)
