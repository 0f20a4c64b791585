"""The entry's own questions on its registration form (Wagtail's form field types): the owning
local's staff add and delete them, another local's staff cannot; a required question or a choice
not offered is a form error, never a 500; the answers are stored, shown to staff, exported
(formula-safe) and deleted with the rest after the retention period; a member with a required
question answers it instead of registering with one click; "My data" lists the person's
registrations (with their answers) and shift sign-ups, which the retention erases too."""

import csv
import datetime as dt
import io
import json
from io import StringIO

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from registrations import checkin
from registrations.models import Registration, RegistrationQuestion, ShiftSignup
from tests.locals.helpers import login_as_local_editor

from .conftest import open_event
from .test_shifts import make_shift, sign_up

pytestmark = pytest.mark.clock  # the event is dated from today


def questions_url(page):
    return f"/admin/registrations/{page.pk}/questions/"


def add_question(client, page, **fields):
    data = {"action": "add", "required": "", "choices": "", "help_text": ""}
    data.update(fields)
    return client.post(questions_url(page), data)


@pytest.fixture
def two_questions(client, event):
    """Local 12's editor adds a required dropdown and an optional line of text."""
    login_as_local_editor(client, 12)
    response = add_question(
        client, event, label="Which session?", field_type="dropdown", required="on",
        choices="Morning\nAfternoon",
    )  # fmt: skip
    assert response.status_code == 302
    add_question(client, event, label="Dietary needs", field_type="singleline")
    client.logout()
    return list(RegistrationQuestion.objects.filter(page=event))


def post(client, row, **fields):
    data = {"settings": row.pk, "name": "Rosa Parks", "email": "rosa@example.org"}
    data.update(fields)
    return client.post("/register/", data)


def test_staff_add_questions_and_the_form_asks_them(client, event, two_questions):
    assert [(q.clean_name, q.required) for q in two_questions] == [
        ("which_session", True), ("dietary_needs", False),
    ]  # fmt: skip
    open_event(event, capacity=5)
    html = client.get(event.url).content.decode()
    assert 'Which session? <span class="field__required">(required)</span>' in html
    assert 'name="q-which_session"' in html and '<option value="Afternoon">' in html
    assert 'name="q-dietary_needs"' in html

    # Staff delete one (and a bad id or another page's question is a 404).
    login_as_local_editor(client, 12)
    assert (
        client.post(questions_url(event), {"action": "delete", "question": "x"}).status_code == 404
    )
    dietary = two_questions[1]
    client.post(questions_url(event), {"action": "delete", "question": dietary.pk})
    assert list(RegistrationQuestion.objects.filter(page=event)) == two_questions[:1]


def test_bad_questions_are_form_errors(client, event):
    login_as_local_editor(client, 12)
    no_choices = add_question(client, event, label="Which shift?", field_type="radio")
    assert no_choices.status_code == 400
    assert "List the choices, one a line." in no_choices.content.decode()
    add_question(client, event, label="Shirt size", field_type="singleline")
    twice = add_question(client, event, label="Shirt size!", field_type="singleline")
    assert "already has a question with that name" in twice.content.decode()
    assert RegistrationQuestion.objects.filter(page=event).count() == 1


def test_another_locals_staff_cannot_add_a_question(client, event, world):
    login_as_local_editor(client, 212)
    response = add_question(client, event, label="Zephyr?", field_type="singleline")
    assert response.status_code == 404
    assert client.get(f"/admin/registrations/{event.pk}/").status_code == 404
    assert not RegistrationQuestion.objects.filter(page=event).exists()


def test_answers_are_checked_stored_shown_and_exported(client, event, two_questions):
    row = open_event(event, capacity=5)
    missing = post(client, row)
    assert missing.status_code == 400
    assert "This field is required." in missing.content.decode()
    wrong = post(client, row, **{"q-which_session": "Midnight"})
    assert wrong.status_code == 400
    assert "Select a valid choice." in wrong.content.decode()
    assert 'value="Rosa Parks"' in wrong.content.decode()  # what was typed stays
    assert not row.registrations.exists()

    done = post(client, row, **{"q-which_session": "Morning", "q-dietary_needs": "=1+1 vegan"})
    assert done.status_code == 200
    registration = row.registrations.get()
    assert registration.answers == {"which_session": "Morning", "dietary_needs": "=1+1 vegan"}

    login_as_local_editor(client, 12)
    page = client.get(f"/admin/registrations/{event.pk}/").content.decode()
    assert '<th scope="col">Which session?</th>' in page and "<td>Morning</td>" in page
    response = client.get(f"/admin/registrations/{event.pk}/export/", {"format": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][-2:] == ["Which session?", "Dietary needs"]
    assert rows[1][-2:] == ["Morning", "'=1+1 vegan"]  # formula-safe
    xlsx = client.get(f"/admin/registrations/{event.pk}/export/", {"format": "xlsx"})
    assert xlsx.status_code == 200


def test_a_member_answers_required_questions_instead_of_one_click(
    client, world, event, two_questions
):
    row = open_event(event, capacity=5)
    member = get_user_model().objects.create_user(
        "mae", "mae@example.org", first_name="Mae", last_name="Jones"
    )
    member.groups.add(world[0].local12.access.members)
    client.force_login(member)
    page = client.get(event.url).content.decode()
    assert "(as Mae Jones, mae@example.org)</button>" not in page
    assert 'name="q-which_session"' in page and 'value="mae@example.org"' in page
    # A one-click POST anyway is refused with the questions to answer, the details filled in.
    refused = client.post("/register/", {"settings": row.pk, "as_member": "1"})
    assert refused.status_code == 400
    assert 'name="q-which_session"' in refused.content.decode()
    assert 'value="mae@example.org"' in refused.content.decode()
    assert not row.registrations.exists()


def test_retention_and_my_data_cover_answers_and_shift_signups(client, world, event, settings):
    settings.REGISTRATIONS_RETENTION_DAYS = 30
    RegistrationQuestion.objects.create(page=event, label="Which session?", field_type="singleline")
    row = open_event(event, capacity=5)
    user = get_user_model().objects.create_user("rosa", "rosa@example.org", first_name="Rosa")
    client.force_login(user)
    assert post(client, row, **{"q-which_session": "Morning"}).status_code == 200
    shift = make_shift(event, days=3)
    assert sign_up(client, event, [shift], phone="651 555 0199").status_code == 200
    client.logout()
    assert sign_up(client, event, [shift], email="other@example.org").status_code == 200

    client.force_login(user)
    stored = json.loads(client.get(reverse("members:my_data_json")).content)
    (registration,) = stored["registrations"]
    assert registration["event"] == "Strike School"
    assert registration["answers"] == {"Which session?": "Morning"}
    (signup,) = stored["shift_signups"]
    assert (signup["worksite"], signup["phone"]) == ("Como Clinic, main entrance", "651 555 0199")
    html = client.get(reverse("members:my_data")).content.decode()
    assert "Which session?: Morning" in html and "Como Clinic, main entrance" in html

    shift_due = shift.ends_at + dt.timedelta(days=30)
    with time_machine.travel(shift_due - dt.timedelta(minutes=1), tick=False):
        call_command("purge_registrations", stdout=StringIO())
    assert ShiftSignup.objects.filter(shift=shift, erased_at__isnull=True).count() == 2
    with time_machine.travel(shift_due, tick=False):
        out = StringIO()
        call_command("purge_registrations", stdout=out)
    assert "Deleted the personal data of 2 shift sign-up(s)" in out.getvalue()
    erased = ShiftSignup.objects.filter(shift=shift).values_list("name", "email", "phone", "user")
    assert list(erased) == [
        ("", "", "", None), ("", "", "", None),
    ]  # fmt: skip
    assert Registration.objects.get(settings=row).answers == {"which_session": "Morning"}

    with time_machine.travel(checkin.entry_end(event, None) + dt.timedelta(days=30), tick=False):
        call_command("purge_registrations", stdout=StringIO())
    erased = Registration.objects.get(settings=row)
    assert (erased.name, erased.email, erased.answers) == ("", "", {})
    client.force_login(user)
    stored = json.loads(client.get(reverse("members:my_data_json")).content)
    assert stored["registrations"] == [] and stored["shift_signups"] == []
