"""Demo content for the locals: "Find your local", five locals with pages of their own, the
rest of the directory, and staff accounts to try the isolation by hand.

Facts from shared/DEMO_CONTENT.md; the prose is ours. Where a fact is missing (a time zone),
the choice is ours: the zone of the local's state.
"""

import json

from django.contrib.auth import get_user_model

from demo.helpers import ensure_page
from locals.choices import LocalKind
from locals.models import LocalIndexPage, LocalPage
from locals.provisioning import provision_international
from opeiu_site.home.models import HomePage

ZONES = {
    "America/New_York": {"MA", "NY", "NJ", "CT", "FL", "DC", "MI", "MD", "VA"},
    "America/Chicago": {"MN", "WI", "MO", "AR", "LA", "TX", "IL"},
    "America/Denver": {"NM"},
    "America/Los_Angeles": {"WA", "CA"},
}


def _zone(state):
    return next((zone for zone, states in ZONES.items() if state in states), "America/New_York")


def _paragraphs(*texts):
    return json.dumps([{"type": "paragraph", "value": f"<p>{text}</p>"} for text in texts])


# The five locals with pages of their own.
FEATURED = [
    {
        "number": 12,
        "title": "OPEIU Local 12",
        "city": "Roseville",
        "state_province": "MN",
        "member_count": 2500,
        "contract_count": 100,
        "areas_served": "Twin Cities metro\nRochester\nHibbing\nDuluth",
        "motto": "Local 12 Strong",
        "office_address": "2277 Highway 36 W\nRoseville, MN 55113",
        "listing_summary": "More than 2,500 members in over 100 contracts across Minnesota.",
        "about": _paragraphs(
            "Local 12 is a democratic union: its members run it under a written Constitution, "
            "elect its officers and vote on every contract. Together we stand for economic "
            "justice in our workplaces and social justice in our communities.",
            "Most of our members work in the Twin Cities metro area, with units in Rochester, "
            "Hibbing and Duluth, and a few members in North Dakota, Kansas, Illinois, Missouri "
            "and Wisconsin.",
        ),
    },
    {
        "number": 212,
        "title": "OPEIU Local 212",
        "city": "Buffalo",
        "state_province": "NY",
        "areas_served": "Buffalo\nWestern New York",
        "listing_summary": "Office and health insurance workers in Buffalo and Western New York.",
        "about": _paragraphs(
            "Local 212 represents office and professional workers in Buffalo and Western New "
            "York, among them the members at HealthNow New York, the Blue Cross Blue Shield "
            "plan of Western New York, who held together through a twelve-week lockout in 2011."
        ),
    },
    {
        "number": 95,
        "title": "OPEIU Local 95",
        "state_province": "WI",
        "areas_served": "Wisconsin",
        "website_url": "https://www.opeiu95.org/",
        "listing_summary": "Wisconsin's OPEIU local; news and rallies on its own website.",
        "about": _paragraphs(
            "Local 95 represents OPEIU members across Wisconsin. It keeps its own website, "
            "where members find its news, contracts and the rallies it organizes."
        ),
    },
    {
        "number": 2,
        "title": "OPEIU Local 2",
        "city": "Washington",
        "state_province": "DC",
        "areas_served": "District of Columbia\nMaryland\nVirginia",
        "listing_summary": "Nonprofit and office workers in DC, Maryland and Virginia.",
        "about": _paragraphs(
            "Local 2 represents workers in the nation's capital and the neighbouring parts of "
            "Maryland and Virginia, many of them at nonprofits and advocacy organizations."
        ),
    },
    {
        "number": 45,
        "kind": LocalKind.GUILD,
        "title": "OPEIU Guild 45",
        "name": "First National Guild of Medical Providers of the Lower Extremity",
        "areas_served": "United States (national guild)",
        "listing_summary": "The national guild of podiatrists.",
        "about": _paragraphs(
            "Guild 45 brings podiatrists together in a national guild, so that doctors of the "
            "foot and ankle have a collective voice in the changing business of health care."
        ),
    },
]

# Directory entries: number, kind, city, state, areas served, who they represent.
DIRECTORY = [
    (6, "local", "Braintree", "MA", "", ""),
    (8, "local", "Seattle", "WA", "Seattle area\nWashington State", ""),
    (9, "local", "", "WI", "Wisconsin\nIllinois\nIndiana\nIowa", ""),
    (13, "local", "St. Louis", "MO", "", ""),
    (22, "local", "Little Rock", "AR", "", "Nurses"),
    (30, "local", "San Diego", "CA", "San Diego\nLos Angeles\nArizona", ""),
    (32, "local", "Union", "NJ", "", ""),
    (39, "local", "Madison", "WI", "Madison area", ""),
    (40, "local", "", "MI", "Macomb area", ""),
    (100, "local", "Miami", "FL", "", ""),
    (106, "local", "", "CT", "Southeastern Connecticut", ""),
    (107, "local", "New Iberia", "LA", "", "Helicopter pilots"),
    (153, "local", "New York", "NY", "", ""),
    (174, "local", "Burbank", "CA", "", ""),
    (251, "local", "Albuquerque", "NM", "", ""),
    (277, "local", "Fort Worth", "TX", "", ""),
    (459, "local", "Lansing", "MI", "", ""),
    (537, "local", "Pasadena", "CA", "", ""),
    (44, "guild", "", "", "", "American Guild of Appraisers"),
    (62, "guild", "", "", "", "Acupuncturists"),
    (322, "guild", "", "", "", "Minor League Baseball umpires"),
    (104, "local", "", "", "", "National Federation of Hypnotists"),
]
NAMED = {"American Guild of Appraisers", "National Federation of Hypnotists"}

STAFF = [
    ("local12-editor", "local12-editor-demo", 12, "editors", "Local 12: edits, sends to review"),
    ("local12-moderator", "local12-moderator-demo", 12, "moderators", "Local 12: publishes"),
    ("local212-editor", "local212-editor-demo", 212, "editors", "Local 212: edits, to review"),
    # A member (no admin access): opens Local 12's members-only pages and files, not 212's.
    ("local12-member", "local12-member-demo", 12, "members", "Local 12 member: members-only"),
]


def _ensure_local(index, facts):
    facts = dict(facts)
    kind = facts.pop("kind", LocalKind.LOCAL)
    slug = f"{kind}-{facts['number']}"
    facts.setdefault("time_zone", _zone(facts.get("state_province", "")))
    return ensure_page(index, LocalPage, slug, kind=kind, **facts)


def _directory_facts(number, kind, city, state, areas, represents):
    label = f"{LocalKind(kind).label} {number}"
    facts = {
        "number": number,
        "kind": kind,
        "title": f"OPEIU {label}",
        "city": city,
        "state_province": state,
        "areas_served": areas,
    }
    if represents in NAMED:
        facts["name"] = represents
    elif represents:
        facts["listing_summary"] = represents
    return facts


def _ensure_staff(log):
    user_model = get_user_model()
    for username, password, number, role, note in STAFF:
        local = LocalPage.objects.get(number=number)
        group = getattr(local.access, role)
        user, created = user_model.objects.get_or_create(
            username=username, defaults={"email": f"{username}@example.org"}
        )
        if created:
            user.set_password(password)
            user.save()
        user.groups.add(group)
        log.login(username, password, note)


def load(log):
    home = HomePage.objects.first()
    index, created = ensure_page(
        home,
        LocalIndexPage,
        "locals",
        title="Find your local",
        show_in_menus=True,
        intro=(
            "OPEIU members belong to locals and guilds across the United States and Canada. "
            "Search by number, city or state to find yours."
        ),
    )
    log.step(f"{'created' if created else 'kept'} the locals directory {index.url_path}")
    made = 0
    for facts in FEATURED:
        made += _ensure_local(index, facts)[1]
    for row in DIRECTORY:
        made += _ensure_local(index, _directory_facts(*row))[1]
    log.step(f"locals: {made} created, {len(FEATURED) + len(DIRECTORY) - made} kept")
    provision_international(home)
    log.step("groups: Communications editors/moderators and each local's editors/moderators")
    _ensure_staff(log)
    log.step("staff accounts: local12-editor, local12-moderator, local212-editor")
