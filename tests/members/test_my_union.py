"""'My union': a member sees their local, employer and unit, their unit's contract with its PDF,
their worksite's steward (with what the steward shows members), their local's and their
unit's next meetings with per-date changes (not another unit's), and their local's
members-only documents; those open for them, another local's do not (403)."""

import datetime as dt
import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from contracts.models import BargainingUnit, ContractPage, EmployerPage, Steward
from events.choices import AttendanceMode, Frequency
from events.models import MeetingSeriesPage, Occurrence, SeriesDateChange
from members.models import PersonalFeed
from tests.contracts.factories import ContractIndexPageFactory, EmployerPageFactory
from tests.events.factories import publish
from tests.factories import StandardPageFactory

from . import myunion_data as data

pytestmark = pytest.mark.clock  # the demo and the meetings are dated from today


@pytest.fixture(scope="module")
def pat(demo_data, django_db_blocker):
    with django_db_blocker.unblock():
        return data.make_member()


@pytest.fixture(scope="module")
def files(demo_data, django_db_blocker):
    with django_db_blocker.unblock():
        return {
            12: data.members_only_document(12, "Local 12 strike fund report"),
            212: data.members_only_document(212, "Local 212 bargaining survey"),
        }


@pytest.fixture
def member(db, client, pat):
    client.force_login(pat)
    return client


def text(response):
    return re.sub(r"\s+", " ", response.content.decode())


def test_anonymous_visitors_are_sent_to_sign_in(db, client, demo_data):
    response = client.get("/my-union/")
    assert response.status_code == 302
    # The member's sign-in: the emailed code (settings.LOGIN_URL names its URL).
    assert response["Location"] == f"{resolve_url(settings.LOGIN_URL)}?next=/my-union/"
    assert response["Location"].startswith("/accounts/login/code/")


def test_my_union_shows_local_employer_unit_contract_and_steward(member, pat):
    response = member.get("/my-union/")
    assert response.status_code == 200
    html = text(response)
    local12 = data.local(12)
    assert f'href="{local12.url}"' in html and local12.title in html
    assert "HealthPartners" in html and data.UNIT in html and data.WORKSITE in html
    assert data.MEMBER_NUMBER in html
    employer = EmployerPage.objects.get(slug="healthpartners")
    contracts = ContractPage.objects.child_of(employer).live().select_related("document")
    assert contracts
    for contract in contracts:
        assert contract.title in html
        assert f'href="{contract.document.url}"' in html  # the PDF
    # The steward of their worksite (Como Clinic), not the call center's.
    assert data.STEWARD_NAME in html and data.STEWARD_EMAIL in html
    assert data.OTHER_WORKSITE_STEWARD not in html
    assert "Your steward" in html
    # Private page: no cache may keep it, no search engine may list it.
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert '<meta name="robots" content="noindex' in html


def test_a_steward_shows_members_more_than_the_public(db, client, pat, demo_data):
    luis = Steward.objects.get(name=data.OTHER_WORKSITE_STEWARD)
    assert luis.email and not luis.show_email  # private on public pages
    luis.show_email_to_members = True
    luis.save()
    employer = luis.employer
    employer.save_revision().publish()
    user = data.make_member(
        "call.center@example.org", worksite="Bloomington call center, Bloomington"
    )
    client.force_login(user)
    html = text(client.get("/my-union/"))
    assert data.OTHER_WORKSITE_STEWARD in html and luis.email in html
    assert luis.phone not in html  # the phone stays private: not shown to members either
    assert data.STEWARD_NAME not in html  # Como Clinic's steward is not theirs
    client.logout()
    public = text(client.get(employer.url))
    assert data.OTHER_WORKSITE_STEWARD in public and luis.email not in public
    finder = text(client.get(employer.get_parent().url + "stewards/?employer=healthpartners"))
    assert data.OTHER_WORKSITE_STEWARD in finder and luis.email not in finder


def test_the_next_meetings_of_the_local_with_their_changes(member, pat):
    board = data.next_board_occurrence()
    html = text(member.get("/my-union/"))
    assert "Executive Board meetings" in html
    assert f'datetime="{board.local_start.isoformat()}"' in html  # 6 pm in Minnesota
    # A cancellation of the next date, with its note: the next meeting becomes the one after,
    # and the cancelled date is listed with its note.
    data.change_board_date(board.local_date, cancelled=True, note="Cancelled for the strike vote")
    following = data.next_board_occurrence()
    assert following.local_date > board.local_date
    html = text(member.get("/my-union/"))
    assert "Cancelled for the strike vote" in html
    assert "Changes to coming dates" in html
    assert following.local_start.strftime("%Y-%m-%dT%H:%M") in html
    cancelled = Occurrence.objects.get(page_id=board.page_id, local_date=board.local_date)
    assert cancelled.is_cancelled


def test_members_only_documents_of_their_local_open_and_another_locals_do_not(member, pat, files):
    html = text(member.get("/my-union/"))
    assert files[12].title in html and files[12].url in html
    assert files[212].title not in html
    assert member.get(files[12].url).status_code == 200
    assert member.get(files[212].url).status_code == 403  # a member of 12, a file of 212
    member.logout()
    # Anonymous: to sign in, never the file.
    assert member.get(files[12].url).status_code == 302


def test_members_only_pages_of_their_local_open_and_another_locals_do_not(member, pat):
    page12 = StandardPageFactory(parent=data.local(12), slug="members-news", title="For members")
    page212 = StandardPageFactory(parent=data.local(212), slug="members-news", title="Ours")
    data.restrict_to_members(page12)
    data.restrict_to_members(page212)
    assert member.get(page12.url).status_code == 200
    assert member.get(page212.url).status_code == 403


def test_a_member_of_two_locals_sees_both(db, client, pat):
    user = data.make_member("two.locals@example.org")
    data.make_member("two.locals@example.org", number=212, employer="HealthNow New York")
    client.force_login(user)
    html = text(client.get("/my-union/"))
    assert data.local(12).title in html and data.local(212).title in html
    assert html.index(data.local(12).title) < html.index(data.local(212).title)
    assert "Local 12 and Local 212" in html  # the one calendar merges both


def test_an_account_on_no_roster_is_told_so(db, client, demo_data):
    user = get_user_model().objects.create_user("nobody@example.org", "nobody@example.org")
    client.force_login(user)
    response = client.get("/my-union/")
    assert response.status_code == 200
    assert "not on a local’s roster yet" in response.content.decode()


def test_my_union_runs_a_bounded_number_of_queries(member, pat, django_assert_max_num_queries):
    member.get("/my-union/")  # warm the session and content types
    with django_assert_max_num_queries(40):
        assert member.get("/my-union/").status_code == 200


def test_only_get_and_head(member, pat):
    assert member.post("/my-union/").status_code == 405


def _unit_series(calendar, title, unit):
    """A meeting series of one bargaining unit, every day at 6 pm (its next date is always
    among the soonest), published as an editor would."""
    series = calendar.add_child(
        instance=MeetingSeriesPage(
            title=title,
            slug=slugify(title),
            frequency=Frequency.WEEKLY,
            weekdays=list(range(7)),
            start_time=dt.time(18),
            duration_minutes=60,
            first_date=dt.date(2025, 1, 1),
            time_zone="America/Chicago",
            attendance_mode=AttendanceMode.ONLINE,
            unit=unit,
        )
    )
    return publish(series)


def test_a_units_meetings_show_to_that_units_members_only(db, client, pat):
    employer = EmployerPage.objects.get(slug="healthpartners")
    clinic = employer.units.get(name=data.UNIT)
    lab = BargainingUnit.objects.create(employer=employer, name="Laboratory staff")
    calendar = data.board().get_parent()
    ours = _unit_series(calendar, "Clinic unit meetings", clinic)
    _unit_series(calendar, "Laboratory unit meetings", lab)
    # A per-date change of the unit's meetings shows with the others.
    nearest = Occurrence.objects.filter(page_id=ours.pk, start__gte=timezone.now()).first()
    ours.date_changes.add(SeriesDateChange(date=nearest.local_date, note="Vote on the offer"))
    ours.save_revision().publish()
    lab_member = data.make_member("lab.tech@example.org", unit="Laboratory staff")
    no_unit = data.make_member("no.unit@example.org", employer="", unit="")

    client.force_login(pat)
    html = text(client.get("/my-union/"))
    assert "Clinic unit meetings" in html and "Vote on the offer" in html
    assert "Laboratory unit meetings" not in html
    assert "Executive Board meetings" in html  # the whole local's
    token = PersonalFeed.objects.get(user=pat).token
    feed = client.get(reverse("members:feed", args=[token])).content.decode()
    assert "Clinic unit meetings" in feed and "Laboratory unit meetings" not in feed

    client.force_login(lab_member)
    html = text(client.get("/my-union/"))
    assert "Laboratory unit meetings" in html
    assert "Clinic unit meetings" not in html and "Vote on the offer" not in html
    assert "Executive Board meetings" in html

    client.force_login(no_unit)
    html = text(client.get("/my-union/"))
    assert "Executive Board meetings" in html
    assert "unit meetings" not in html


def test_staff_choose_a_series_unit_among_their_locals_units(db, client, pat):
    index212 = ContractIndexPageFactory(parent=data.local(212), slug="contracts-212")
    employer212 = EmployerPageFactory(parent=index212, title="HealthNow New York")
    other = BargainingUnit.objects.create(employer=employer212, name="Claims processors")
    editor = get_user_model().objects.get(username="local12-editor")
    client.force_login(editor)
    response = client.get(f"/admin/pages/{data.board().pk}/edit/")
    assert response.status_code == 200
    field = response.context["form"].fields["unit"]
    groups = dict(field.widget.choices[1:])  # by employer, the "---------" first
    assert data.UNIT in [name for _pk, name in groups[data.EMPLOYER]]
    assert "HealthNow New York" not in groups
    assert not field.queryset.filter(pk=other.pk).exists()
