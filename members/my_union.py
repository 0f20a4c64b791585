"""What "My union" shows a member, and what their personal calendar feed lists.

Everything here is for one signed-in account (never a public page, never cached publicly): the
locals they are a member of, their roster row there (employer, unit, worksite), the contracts of
their unit, their worksite's stewards with what those stewards show members, the next meetings
of their local and of their unit with the per-date changes (a meeting series set to a unit,
events.MeetingSeriesPage.unit, is that unit's members' only), and the local's members-only
documents.

What a member may see of the page tree is what Wagtail's privacy lets them open: a page under a
restriction they do not pass (another local's members-only pages, a password) is left out, as
the public listings leave out every restricted page (opeiu_site.core.queries.live_public).
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q, Subquery
from django.db.models.functions import Length, Substr
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import BaseViewRestriction, Collection, PageViewRestriction

from contracts.models import ContractPage, EmployerPage
from events import queries as event_queries
from events.choices import EventStatus
from events.models import EventIndexPage, EventPage, MeetingSeriesPage, Occurrence
from locals.audience import COLLECTION_SUFFIX, Audience

from .membership import normalize_email
from .models import Membership, RosterEntry

MEETINGS_SHOWN = 8
CHANGES_AHEAD = dt.timedelta(days=92)
CHANGES_SHOWN = 10
DOCUMENTS_SHOWN = 50


def _passable_restrictions(user):
    """The view restrictions `user` passes without a password: a login one (any account), or
    a groups one naming a group of theirs."""
    return PageViewRestriction.objects.filter(
        Q(restriction_type=BaseViewRestriction.LOGIN)
        | Q(
            restriction_type=BaseViewRestriction.GROUPS,
            groups__in=user.groups.values("pk"),
        )
    ).values("pk")


def visible_to(user, prefix=""):
    """A filter for rows whose page (through `prefix`, e.g. "page__") is live and which `user`
    may open: no restriction on it or above it that they do not pass."""
    blocking = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef(f"{prefix}path"), 1, Length("page__path"))
    ).exclude(pk__in=_passable_restrictions(user))
    return Q(**{f"{prefix}live": True}) & ~Exists(blocking)


# The member's place: local, employer, unit, worksite


def _clean(text):
    return " ".join((text or "").split()).casefold()


def _same_name(roster_name, page_title):
    """The roster's employer as the membership system spells it, against the employer page's
    title ("HealthPartners" matches "HealthPartners" and "HealthPartners (fictional)")."""
    roster_name, page_title = _clean(roster_name), _clean(page_title)
    return bool(roster_name) and (
        roster_name == page_title or page_title.startswith(roster_name + " (")
    )


def _at_worksite(steward, worksite, unit_name):
    """A steward of the member's worksite: "Como Clinic" stewards "Como Clinic, Saint Paul"."""
    place = _clean(steward.unit_or_worksite)
    if not place:
        return False
    worksite = _clean(worksite)
    if worksite and (place == worksite or worksite.split(",")[0].strip() == place):
        return True
    return bool(unit_name) and place == _clean(unit_name)


@dataclass
class Workplace:
    """The member's employer, unit and worksite (from their roster row) and what the local
    publishes about them."""

    row: RosterEntry | None
    employer: EmployerPage | None = None
    unit: object = None  # contracts.BargainingUnit
    contracts: list = field(default_factory=list)
    stewards: list = field(default_factory=list)
    worksite_stewards: bool = False  # False: the employer's stewards, none at their worksite


def roster_row(membership):
    """The roster row behind a membership: the one it was granted from, else the row of the
    account's email on that local's roster (a verified member may have none)."""
    if membership.roster_entry_id:
        return membership.roster_entry
    email = normalize_email(membership.user.email)
    if not email:
        return None
    return RosterEntry.objects.filter(local_id=membership.local_id, email=email).first()


def employer_and_unit(user, local, row, *, prefetch=("units",)):
    """The local's employer page and bargaining unit a roster row names (either may be None)."""
    if row is None or not row.employer:
        return None, None
    employers = (
        EmployerPage.objects.filter(visible_to(user), path__startswith=local.path)
        .prefetch_related(*prefetch)
        .order_by("path")
    )
    employer = next((e for e in employers if _same_name(row.employer, e.title)), None)
    if employer is None:
        return None, None
    units = list(employer.units.all())
    unit = next((u for u in units if _clean(u.name) == _clean(row.unit)), None)
    if unit is None and len(units) == 1 and not row.unit:
        unit = units[0]
    return employer, unit


def workplace(user, local, row):
    place = Workplace(row=row)
    place.employer, place.unit = employer_and_unit(user, local, row, prefetch=("units", "stewards"))
    if place.employer is None:
        return place
    contracts = ContractPage.objects.filter(visible_to(user)).child_of(place.employer)
    if place.unit is not None:
        contracts = contracts.filter(Q(unit=place.unit) | Q(unit__isnull=True))
    place.contracts = list(
        contracts.select_related("unit", "document").order_by("-effective_date", "-pk")
    )
    stewards = list(place.employer.stewards.all())
    unit_name = place.unit.name if place.unit else row.unit
    here = [s for s in stewards if _at_worksite(s, row.worksite, unit_name)]
    place.worksite_stewards = bool(here)
    place.stewards = here or stewards
    return place


# Meetings


def other_units_series(local, unit):
    """The local's meeting series set to a bargaining unit other than `unit` (any unit's when
    `unit` is None): not the member's meetings."""
    series = MeetingSeriesPage.objects.filter(path__startswith=local.path, unit__isnull=False)
    return series.exclude(unit=unit) if unit is not None else series


def _occurrences(user, local, unit=None):
    return Occurrence.objects.filter(visible_to(user, "page__"), section_id=local.pk).exclude(
        page_id__in=other_units_series(local, unit).values("pk")
    )


def next_meetings(user, local, now=None, limit=MEETINGS_SHOWN, *, unit=None):
    """The next date that takes place of each of the local's meetings and events the member
    may open, soonest first (as the local's page shows them, members-only ones included), and
    of their unit's (`unit`) meetings; other units' meetings are left out."""
    now = now or timezone.now()
    taking_place = Occurrence.objects.filter(end__gte=now).exclude(status=EventStatus.CANCELLED)
    first_of_its_page = (
        taking_place.filter(page_id=OuterRef("page_id")).order_by("start", "pk").values("pk")[:1]
    )
    items = (
        event_queries.upcoming_first(_occurrences(user, local, unit), now)
        .exclude(status=EventStatus.CANCELLED)
        .filter(pk=Subquery(first_of_its_page))
        .select_related("page", "venue")
    )
    return event_queries.flag_closures(items[:limit])


def date_changes(user, local, now=None, limit=CHANGES_SHOWN, *, unit=None):
    """The coming dates of the local's (and the member's unit's) meetings that differ from the
    usual: cancelled, moved, attended another way or with a note (the per-date changes), in the
    next three months."""
    now = now or timezone.now()
    items = (
        event_queries.upcoming_first(_occurrences(user, local, unit), now)
        .filter(start__lt=now + CHANGES_AHEAD)
        .filter(Q(status=EventStatus.CANCELLED) | Q(moved=True) | ~Q(note=""))
        .select_related("page", "venue")
    )
    return event_queries.flag_closures(items[:limit])


# Members-only documents


def members_collections(local):
    """The local's "members only" collection and the collections below it."""
    access = getattr(local, "access", None)
    if access is None or access.collection_id is None:
        return Collection.objects.none()
    name = f"{local.label}: {COLLECTION_SUFFIX[Audience.MEMBERS]}"
    root = access.collection.get_children().filter(name=name).first()
    if root is None:
        return Collection.objects.none()
    return Collection.objects.descendant_of(root, inclusive=True)


def members_documents(local, limit=DOCUMENTS_SHOWN):
    return list(
        get_document_model()
        .objects.filter(collection__in=members_collections(local))
        .order_by("-created_at", "-pk")[:limit]
    )


# The page and the feed


@dataclass
class LocalView:
    membership: Membership
    local: object
    place: Workplace
    meetings: list
    changes: list
    documents: list
    calendar: object = None


def my_locals(user):
    """What "My union" shows of each local the user is a member of, in local-number order."""
    memberships = (
        Membership.objects.filter(user=user)
        .select_related("local", "local__access__collection", "roster_entry", "user")
        .order_by("local__number")
    )
    views = []
    for membership in memberships:
        local = membership.local
        place = workplace(user, local, roster_row(membership))
        views.append(
            LocalView(
                membership=membership,
                local=local,
                place=place,
                meetings=next_meetings(user, local, unit=place.unit),
                changes=date_changes(user, local, unit=place.unit),
                documents=members_documents(local),
                calendar=calendars(user, local).first(),
            )
        )
    return views


def calendars(user, local):
    return EventIndexPage.objects.filter(visible_to(user), path__startswith=local.path).order_by(
        "path"
    )


def member_units(user, locals_):
    """The member's bargaining units in `locals_` (from their roster rows there)."""
    memberships = Membership.objects.filter(user=user, local__in=locals_).select_related(
        "local", "roster_entry", "user"
    )
    units = (employer_and_unit(user, m.local, roster_row(m))[1] for m in memberships)
    return [unit for unit in units if unit is not None]


def feed_entries(user, locals_):
    """(events, series, calendars) of the locals the member's feed merges: the live entries
    they may open, in tree order; of the series set to a unit, their unit's only."""
    paths = Q()
    for local in locals_:
        paths |= Q(path__startswith=local.path)
    if not locals_:
        return [], [], []
    events = EventPage.objects.filter(visible_to(user)).filter(paths).select_related("venue")
    series = (
        MeetingSeriesPage.objects.filter(visible_to(user))
        .filter(paths)
        .filter(Q(unit__isnull=True) | Q(unit__in=member_units(user, locals_)))
        .select_related("venue")
        .prefetch_related("date_changes", "date_changes__venue", "change_notices")
    )
    cals = EventIndexPage.objects.filter(visible_to(user)).filter(paths)
    return (
        list(events.order_by("path")),
        list(series.order_by("path")),
        list(cals.prefetch_related("closure_rules").order_by("path")),
    )


def extra_sections(request):
    """HTML sections other apps add to "My union" through the `opeiu_my_union_sections` hook
    (a function of the request returning HTML; members imports none of those apps), e.g. the
    member's email lists (alerts)."""
    from wagtail import hooks

    return [section(request) for section in hooks.get_hooks("opeiu_my_union_sections")]
