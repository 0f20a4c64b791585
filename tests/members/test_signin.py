"""Members sign in with a code emailed to their roster address (members/signin.py): the code
arrives through a real SMTP server, the account and its memberships follow the rosters, and an
address on no roster gets the very same answer with nothing sent."""

import re

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from members.membership import grant
from members.models import Membership, MembershipSource, RosterEntry, RosterStatus
from tests.locals.factories import LocalPageFactory
from tests.smtp import code_in, text_part

pytestmark = pytest.mark.clock

REQUEST = "/accounts/login/code/"
CONFIRM = "/accounts/login/code/confirm/"
PAT = "pat.rivera@example.org"
CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


@pytest.fixture(scope="module")
def tree(tree, django_db_blocker):
    """The locals tree (tests/members/conftest.py) with Pat on two rosters and a lapsed entry."""
    with django_db_blocker.unblock():
        row = {"first_name": "Pat", "last_name": "Rivera", "postal_code": "10001"}
        RosterEntry.objects.create(local=tree.local12, member_number="12-004217", email=PAT, **row)
        # The same person on a second local's roster: a member of both.
        RosterEntry.objects.create(local=tree.local212, member_number="212-77", email=PAT, **row)
        RosterEntry.objects.create(
            local=tree.local12,
            member_number="12-1",
            email="gone@example.org",
            status=RosterStatus.LAPSED,
        )
    return tree


def ask_code(client, email, **extra):
    return client.post(REQUEST, {"email": email}, **extra)


def sign_in(client, code):
    return client.post(CONFIRM, {"code": code, "action": "verify"})


def signed_in_user(client):
    user = client.get("/accounts/login/code/").wsgi_request.user
    return user if user.is_authenticated else None


def test_a_roster_member_gets_a_code_and_link_by_email_and_becomes_a_member(db, tree, smtp):
    client = Client()
    page = client.get(REQUEST)
    assert page.status_code == 200
    assert "Your email address" in page.content.decode()

    response = ask_code(client, "  Pat.Rivera@Example.org ")
    assert response.status_code == 302 and response["Location"].startswith(CONFIRM)
    [message] = smtp.messages
    assert message["To"] == PAT
    assert message["Subject"] == "OPEIU: Your sign-in code"
    code = code_in(message)
    # The link fills the code in; the member still presses the button.
    link = re.search(
        r"(http://testserver/accounts/login/code/confirm/\?code=\S+)", text_part(message)
    )
    form = client.get(link.group(1).removeprefix("http://testserver")).content.decode()
    assert f'value="{code}"' in form
    assert signed_in_user(client) is None

    landed = sign_in(client, code)
    assert landed.status_code == 302 and landed["Location"] == "/my-union/"
    user = signed_in_user(client)
    assert user is not None and user.email == PAT
    assert user.username.startswith("member-") and PAT not in user.username
    assert not user.has_usable_password()
    locals_ = set(Membership.objects.filter(user=user).values_list("local__number", flat=True))
    assert locals_ == {12, 212}
    assert user.groups.filter(pk=tree.local12.access.members_id).exists()
    assert user.groups.filter(pk=tree.local212.access.members_id).exists()


def test_an_address_on_no_roster_gets_the_same_answer_and_nothing_is_sent(db, tree, smtp):
    users_before = get_user_model().objects.count()
    answers = {}
    for email in (PAT, "stranger@example.org", "gone@example.org"):
        client = Client()
        response = ask_code(client, email)
        page = client.get(response["Location"]).content.decode()
        page = CSRF_TOKEN.sub("", page.replace(email, "@"))
        answers[email] = (response.status_code, response["Location"], page)
    assert answers[PAT] == answers["stranger@example.org"] == answers["gone@example.org"]
    assert "If this email is on a roster, a code is on its way" in answers[PAT][2]
    assert [m["To"] for m in smtp.messages] == [PAT]
    # Pat's first code made Pat's account; the others made none.
    assert get_user_model().objects.count() == users_before + 1
    # Any code for an address on no roster is refused.
    client = Client()
    ask_code(client, "stranger@example.org")
    refused = sign_in(client, code_in(smtp.messages[0]))
    assert refused.status_code == 200 and "Incorrect code" in refused.content.decode()
    assert signed_in_user(client) is None


def test_members_and_unknown_addresses_cost_the_same_queries(db, tree, smtp):
    """A prober timing the answer learns nothing from the database work (the mail is the task
    worker's, after the answer)."""
    ask_code(Client(), PAT)  # Pat's account exists from now on
    counts = {}
    for email in (PAT, "stranger@example.org"):
        with CaptureQueriesContext(connection) as queries:
            ask_code(Client(), email)
        counts[email] = len(queries)
    assert counts[PAT] == counts["stranger@example.org"]


def test_a_code_works_once(db, tree, smtp):
    client = Client()
    ask_code(client, PAT)
    code = code_in(smtp.messages[-1])
    assert sign_in(client, code)["Location"] == "/my-union/"
    client.post("/accounts/logout/")
    assert signed_in_user(client) is None
    again = sign_in(client, code)
    assert again.status_code == 302 and again["Location"] == REQUEST
    assert signed_in_user(client) is None


def test_a_code_expires(db, tree, smtp, settings):
    client = Client()
    ask_code(client, PAT)
    code = code_in(smtp.messages[-1])
    later = timezone.now() + timezone.timedelta(seconds=settings.ACCOUNT_LOGIN_BY_CODE_TIMEOUT + 5)
    with time_machine.travel(later):
        late = sign_in(client, code)
    assert late.status_code == 302 and late["Location"] == REQUEST
    assert signed_in_user(client) is None


def test_three_wrong_codes_end_the_attempt(db, tree, smtp):
    client = Client()
    ask_code(client, PAT)
    code = code_in(smtp.messages[-1])
    for _ in range(2):
        assert "Incorrect code" in sign_in(client, "WRONG1").content.decode()
    assert sign_in(client, "WRONG2")["Location"] == REQUEST
    assert sign_in(client, code)["Location"] == REQUEST
    assert signed_in_user(client) is None


def test_codes_are_limited_per_email_and_per_address(db, tree, smtp, settings):
    # Per email: three codes in ten minutes, from any address.
    for number in range(3):
        assert ask_code(Client(), PAT, REMOTE_ADDR=f"198.51.100.{number}").status_code == 302
    refused = ask_code(Client(), PAT, REMOTE_ADDR="198.51.100.9")
    assert refused.status_code == 200 and "Too many" in refused.content.decode()
    assert len(smtp.messages) == 3
    # Per address: ten requests, whatever the emails.
    for number in range(10):
        ask_code(Client(), f"someone{number}@example.org", REMOTE_ADDR="203.0.113.5")
    refused = ask_code(Client(), "someone-else@example.org", REMOTE_ADDR="203.0.113.5")
    assert refused.status_code == 200 and "Too many" in refused.content.decode()


def test_staff_get_no_code(db, tree, smtp):
    staff = get_user_model().objects.create_user("organizer", email=PAT, password="x" * 16)
    staff.groups.add(tree.local12.access.editors)
    response = ask_code(Client(), PAT)
    assert response.status_code == 302
    assert smtp.messages == []


def test_every_sign_in_brings_memberships_up_to_date(db, tree, smtp):
    client = Client()
    ask_code(client, PAT)
    sign_in(client, code_in(smtp.messages[-1]))
    user = signed_in_user(client)
    client.post("/accounts/logout/")
    RosterEntry.objects.filter(local=tree.local212).update(status=RosterStatus.LAPSED)
    # A membership staff verified stays.
    local2 = LocalPageFactory(parent=tree.index, number=2, title="OPEIU Local 2")
    grant(user, local2, source=MembershipSource.VERIFIED)
    ask_code(client, PAT)
    sign_in(client, code_in(smtp.messages[-1]))
    numbers = set(Membership.objects.filter(user=user).values_list("local__number", flat=True))
    assert numbers == {12, 2}
    assert not user.groups.filter(pk=tree.local212.access.members_id).exists()


def test_the_sign_in_pages_are_never_stored(db, tree, page_cache_on):
    for _ in range(2):
        response = Client().get(REQUEST)
        assert response.get("X-Page-Cache") != "HIT"
        assert "private" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
