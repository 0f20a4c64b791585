"""Action alerts in the admin: a local's editor writes one for their own lists (another local's
list is refused), previews it as HTML and text, submits it; only a moderator of that local
approves it, which queues ONE notice (approving again sends nothing); another local's staff
get 404s. Through the real worker and a real SMTP server: the test send reaches the writer,
the approved alert each subscriber once, with the one-click unsubscribe headers."""

import pytest
from django.test import Client
from django.urls import reverse

from alerts.models import ActionAlert, MailingList, Notice, Subscription, Topic
from locals.provisioning import provision_international
from tests.actions.factories import ActionPageFactory
from tests.conftest import make_home
from tests.db import kept_data
from tests.locals.helpers import build_locals_tree, login_as_local_editor, login_as_local_moderator

pytestmark = pytest.mark.clock  # the alerts' times


def build(home):
    tree = build_locals_tree(home)
    provision_international(tree.home)
    petition = ActionPageFactory(parent=tree.local212, title="Sign the staffing petition",
                                 slug="staffing-petition")  # fmt: skip
    petition.save_revision().publish()
    team = MailingList.objects.create(local=tree.local212, topic=Topic.ACTIONS,
                                      name="Local 212 Member Action Team")  # fmt: skip
    for n in range(3):
        Subscription.objects.create(
            mailing_list=team, email=f"team{n}@example.org", status=Subscription.CONFIRMED
        )
    Subscription.objects.create(mailing_list=team, email="waiting@example.org")  # pending
    other = MailingList.objects.create(local=tree.local12, topic=Topic.NEWS, name="Local 12 news")
    Subscription.objects.create(mailing_list=other, email="twelve@example.org", status="confirmed")
    return {"tree": tree, "petition": petition, "team": team, "other": other}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with kept_data(django_db_blocker), django_db_blocker.unblock():
        yield build(make_home())


def form_data(world, lists, owner=None):
    data = {
        "subject": "Call your council member today",
        "text": "The staffing vote is Thursday.\n\nTwo minutes on the phone make the difference.",
        "action_page": world["petition"].pk,
        "button": "Sign the petition",
        "mailing_lists": [item.pk for item in lists],
    }
    if owner is not None:
        data["owner"] = owner
    return data


def write_alert(client, world):
    owner = str(world["tree"].local212.pk)
    response = client.post(reverse("alerts_admin:action_alert_new"),
                           form_data(world, [world["team"]], owner))  # fmt: skip
    assert response.status_code == 302
    return ActionAlert.objects.latest("pk")


def test_a_list_of_another_local_is_refused(client, world, db):
    login_as_local_editor(client, 212)
    owner = str(world["tree"].local212.pk)
    url = reverse("alerts_admin:action_alert_new")
    page = client.get(url).content.decode()
    assert "Local 212 Member Action Team" in page and "Local 12 news" not in page
    response = client.post(url, form_data(world, [world["team"], world["other"]], owner))
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    # Another local as the owner is not a choice either.
    response = client.post(url, form_data(world, [world["team"]], str(world["tree"].local12.pk)))
    assert response.status_code == 200
    assert not ActionAlert.objects.exists()


def test_write_preview_submit_and_a_moderator_approves_once(client, world, db):
    editor = login_as_local_editor(client, 212)
    alert = write_alert(client, world)
    assert alert.local_id == world["tree"].local212.pk and alert.created_by == editor
    page = client.get(reverse("alerts_admin:action_alert", args=[alert.pk])).content.decode()
    assert "Call your council member today" in page and "Sign the petition:" in page
    email = client.get(reverse("alerts_admin:action_alert_email", args=[alert.pk]))
    assert email["X-Frame-Options"] == "SAMEORIGIN"
    html = email.content.decode()
    assert ">Sign the petition</a>" in html and "/staffing-petition/" in html
    assert "Local 212 Member Action Team" in html  # the footer names the list

    client.post(reverse("alerts_admin:action_alert_submit", args=[alert.pk]))
    alert.refresh_from_db()
    assert alert.status == ActionAlert.SUBMITTED
    approve = reverse("alerts_admin:action_alert_approve", args=[alert.pk])
    client.post(approve, {"version": alert.version})  # an editor cannot approve
    assert ActionAlert.objects.get(pk=alert.pk).status == ActionAlert.SUBMITTED

    other = Client()
    login_as_local_moderator(other, 12)
    for name in ("action_alert", "action_alert_email", "action_alert_edit"):
        assert other.get(reverse(f"alerts_admin:{name}", args=[alert.pk])).status_code == 404
    assert other.post(approve, {"version": alert.version}).status_code == 404
    assert "council member" not in other.get(reverse("alerts_admin:action_alerts")).content.decode()

    moderator = Client()
    login_as_local_moderator(moderator, 212)
    moderator.post(approve, {"version": alert.version})
    alert.refresh_from_db()
    assert alert.status == ActionAlert.SENT and alert.notice is not None
    assert list(alert.notice.mailing_lists.all()) == [world["team"]]
    moderator.post(approve, {"version": alert.version})  # again: nothing more
    assert Notice.objects.filter(kind=Notice.ACTION).count() == 1
    # A sent alert is not edited any more.
    edit = client.get(reverse("alerts_admin:action_alert_edit", args=[alert.pk]))
    assert edit.status_code == 302


def test_an_edit_after_submission_needs_a_new_submission(client, world, db):
    login_as_local_editor(client, 212)
    alert = write_alert(client, world)
    client.post(reverse("alerts_admin:action_alert_submit", args=[alert.pk]))
    seen = ActionAlert.objects.get(pk=alert.pk).version
    data = form_data(world, [world["team"]])
    data["subject"] = "Changed after submission"
    client.post(reverse("alerts_admin:action_alert_edit", args=[alert.pk]), data)
    alert.refresh_from_db()
    assert alert.status == ActionAlert.DRAFT and alert.subject == "Changed after submission"
    moderator = Client()
    login_as_local_moderator(moderator, 212)
    # The moderator's page showed the old version: approving it sends nothing.
    ActionAlert.objects.filter(pk=alert.pk).update(status=ActionAlert.SUBMITTED)
    moderator.post(reverse("alerts_admin:action_alert_approve", args=[alert.pk]),
                   {"version": seen})  # fmt: skip
    assert not Notice.objects.exists()
