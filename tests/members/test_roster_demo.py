"""The demo's Local 12 roster: the demo member of members/demo_values.py is on it, at an
employer, unit and worksite the demo really has (a contract with its PDF, a steward there);
loading the demo again changes nothing."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from contracts.models import ContractPage, EmployerPage
from locals.models import LocalPage
from members import demo_values
from members.models import RosterEntry, RosterImport, RosterMapping, VerificationRequest

pytestmark = pytest.mark.clock  # the demo is dated relative to today


def test_the_demo_member_is_on_local_12s_roster(db, demo_data, client):
    local = LocalPage.objects.get(number=demo_values.LOCAL_NUMBER, slug=demo_values.LOCAL_SLUG)
    pat = RosterEntry.objects.get(local=local, member_number=demo_values.MEMBER_NUMBER)
    assert (pat.first_name, pat.last_name, pat.email, pat.postal_code, pat.status) == (
        demo_values.FIRST_NAME,
        demo_values.LAST_NAME,
        demo_values.EMAIL,
        demo_values.POSTAL_CODE,
        demo_values.STATUS,
    )
    assert (pat.employer, pat.unit, pat.worksite) == (
        demo_values.EMPLOYER,
        demo_values.UNIT,
        demo_values.WORKSITE,
    )
    employer = EmployerPage.objects.descendant_of(local).get(slug=demo_values.EMPLOYER_SLUG)
    assert employer.title == demo_values.EMPLOYER
    unit = employer.units.get(name=demo_values.UNIT)
    assert demo_values.WORKSITE in unit.worksite_list
    contract = ContractPage.objects.filter(unit=unit).exclude(document=None).first()
    assert contract is not None and contract.live
    steward = employer.stewards.get(name=demo_values.STEWARD_NAME)
    assert steward.unit_or_worksite == demo_values.STEWARD_WORKSITE
    assert demo_values.WORKSITE.startswith(steward.unit_or_worksite)

    # Imported the way staff import: a history row, a remembered mapping, a request waiting.
    assert RosterEntry.objects.filter(local=local).count() == 11
    assert RosterImport.objects.filter(local=local).count() == 1
    assert RosterMapping.objects.get(local=local).columns["member_number"] == "Member No"
    assert VerificationRequest.objects.filter(local=local, status="pending").count() == 1

    call_command("load_demo", verbosity=0)
    assert RosterEntry.objects.filter(local=local).count() == 11
    assert RosterImport.objects.filter(local=local).count() == 1

    client.force_login(get_user_model().objects.get(username="local12-moderator"))
    html = client.get(reverse("members_roster:list", args=[local.pk])).content.decode()
    assert demo_values.MEMBER_NUMBER in html and "11 members on the roster" in html
    html = client.get(reverse("members_roster:verification", args=[local.pk])).content.decode()
    assert "jordan.lee@example.org" in html and "matches the roster (active)" in html
