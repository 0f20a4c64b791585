"""Action Team sign-ups are subscribers: a sign-up on the Member Action Team's page becomes a
pending subscriber of the team's list and gets the confirmation email (real SMTP); the sign-ups
stored before are brought in by `manage.py alerts_import_sign_ups`."""

import pytest
from django.core.management import call_command
from wagtail.contrib.forms.models import FormSubmission

from alerts.models import MailingList, Subscription, Topic
from tests.actions.conftest import signed
from tests.actions.factories import ActionPageFactory, add_fields
from tests.smtp import text_part

from .helpers import link

pytestmark = pytest.mark.clock


@pytest.fixture
def team(home):
    page = ActionPageFactory(
        parent=home,
        slug="member-action-team",
        title="Join the OPEIU Member Action Team",
        consent_text="I agree that OPEIU may send me action alerts by email or text message.",
    )
    return add_fields(page, ("First name", "singleline", True), ("Email", "email", True))


def test_a_sign_up_is_a_pending_subscriber_sent_the_confirmation(
    client, team, smtp, django_capture_on_commit_callbacks, settings
):
    settings.ACTIONS_RATE_LIMIT = (100, 600)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(team.url, signed(email="Rosa@Example.org"))
    assert response.status_code == 200
    subscription = Subscription.objects.get(email="rosa@example.org")
    assert subscription.status == Subscription.PENDING
    assert subscription.mailing_list.action_page_id == team.pk
    assert subscription.mailing_list.topic == Topic.ACTIONS
    assert subscription.mailing_list.local is None  # the International's team
    assert "“I agree that OPEIU may send me action alerts" in subscription.consent
    [confirmation] = [m for m in smtp.to("rosa@example.org") if "Confirm" in m["Subject"]]
    assert "Join the OPEIU Member Action Team" in confirmation["Subject"]
    assert link(text_part(confirmation), "confirm")


def test_stored_sign_ups_are_imported_with_their_consent(team, db, capsys):
    FormSubmission.objects.create(page=team, form_data={"email": "a@example.org", "consent": True})
    FormSubmission.objects.create(page=team, form_data={"email": "b@example.org"})  # no consent
    call_command("alerts_import_sign_ups", "--confirmed")
    [subscription] = Subscription.objects.all()
    assert (subscription.email, subscription.status) == ("a@example.org", "confirmed")
    assert MailingList.objects.get().name == "Join the OPEIU Member Action Team"
    assert "1 sign-ups are subscribers; 0 confirmations queued." in capsys.readouterr().out
