"""Members for the "My union" tests, on top of the demo content (tests/conftest.py demo_data).

The demo member's values are members/demo_values.py's (Pat Rivera, Local 12, HealthPartners,
Como Clinic); the tests make sure the row is on Local 12's roster and grant the membership the
way sign-in does (members.membership.grant)."""

import itertools

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction

from contracts.pdf import pdf_bytes
from events.choices import EventStatus
from events.models import MeetingSeriesPage, Occurrence, SeriesDateChange
from locals import audience
from locals.models import LocalPage
from members.demo_values import (  # noqa: F401 (STEWARD_NAME: the tests read it here)
    EMAIL,
    EMPLOYER,
    FIRST_NAME,
    LAST_NAME,
    LOCAL_NUMBER,
    MEMBER_NUMBER,
    STEWARD_NAME,
    UNIT,
    WORKSITE,
)
from members.membership import grant
from members.models import RosterEntry

STEWARD_EMAIL = "dana.okafor@example.org"
OTHER_WORKSITE_STEWARD = "Luis Brandt (demo)"


_numbers = itertools.count(900001)


def local(number):
    return LocalPage.objects.get(number=number)


def make_member(email=EMAIL, number=LOCAL_NUMBER, **row):
    """An account on a local's roster (a row of its email), a member of that local."""
    section = local(number)
    values = {
        "member_number": MEMBER_NUMBER if email == EMAIL else f"{number}-{next(_numbers)}",
        "first_name": FIRST_NAME,
        "last_name": LAST_NAME,
        "employer": EMPLOYER,
        "unit": UNIT,
        "worksite": WORKSITE,
        "postal_code": "10001",
        "phone": "651-555-0190",
        **row,
    }
    # The demo's roster already holds the demo member (demo/members.py): their row is updated.
    member_number = values.pop("member_number")
    entry, _created = RosterEntry.objects.update_or_create(
        local=section, member_number=member_number, defaults={"email": email, **values}
    )
    user = get_user_model().objects.filter(email=email).first()
    if user is None:
        user = get_user_model().objects.create_user(username=email, email=email)
    grant(user, section, entry=entry)
    return user


def members_only_document(number, title):
    """A file in the local's "members only" collection (as the local's staff upload it)."""
    section = local(number)
    collection = audience.audience_collection(section.access, audience.Audience.MEMBERS)
    document = get_document_model()(title=title, collection=collection)
    body = pdf_bytes([[title, "For the members of the local only."]], title=title)
    document.file.save(f"{title.lower().replace(' ', '-')}.pdf", ContentFile(body))
    return document


def board(number=LOCAL_NUMBER):
    section = local(number)
    return MeetingSeriesPage.objects.get(slug="executive-board", path__startswith=section.path)


def next_board_occurrence(now=None):
    """The next Executive Board date that takes place, from the materialised occurrences."""
    return (
        Occurrence.objects.filter(page_id=board().pk, end__gte=now or timezone.now())
        .exclude(status=EventStatus.CANCELLED)
        .order_by("start")
        .first()
    )


def change_board_date(date, **change):
    """Publish a per-date change of the Executive Board series (as an editor would)."""
    page = board()
    page.date_changes.add(SeriesDateChange(date=date, **change))
    page.save_revision().publish()
    return board()


def restrict_to_members(page):
    """Make a page members-only for its local (the restriction the local's staff choose)."""
    owner = audience.owner_of_page(page)
    return audience.restrict(PageViewRestriction, audience.members_groups(owner), page=page)
