"""Double opt-in: a subscribe form on a cached page, one confirmation email (real SMTP), a
confirmation that takes a button press (not a link scanner's GET), and bad input answered with
a form error or a 404."""

import pytest
from django.test import Client

from alerts.models import MailingList, Subscription, Topic
from tests.conftest import make_home
from tests.db import kept_data
from tests.smtp import text_part

from .helpers import build_world, link

pytestmark = pytest.mark.clock  # the series' dates are relative to today


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with kept_data(django_db_blocker), django_db_blocker.unblock():
        yield build_world(make_home())


def subscribe(client, page, topic, email, **extra):
    return client.post(
        "/alerts/subscribe/", {"page": page.pk, "topic": topic, "email": email, **extra}
    )


def test_series_calendar_and_news_pages_carry_a_form_without_a_csrf_token(client, world, db):
    html = client.get(world.series.url).content.decode()
    form = html[html.index('class="alerts-subscribe__form"') :].split("</form>")[0]
    assert 'action="/alerts/subscribe/"' in form
    assert f'name="page" value="{world.series.pk}"' in form and 'value="series"' in form
    assert "csrfmiddlewaretoken" not in html  # one cached body serves everyone
    assert "Email me changes" in html
    calendar = client.get(world.calendar.url).content.decode()
    assert 'name="topic" value="meetings"' in calendar


def test_subscribe_sends_only_a_confirmation_then_a_button_confirms(
    world, db, smtp, django_capture_on_commit_callbacks
):
    client = Client(enforce_csrf_checks=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = subscribe(client, world.series, "series", "Rosa@Example.org")
    assert response.status_code == 200
    assert "Check your inbox" in response.content.decode()
    [message] = smtp.to("rosa@example.org")
    assert message["Subject"].startswith("Confirm: Membership meetings")
    subscription = Subscription.objects.get(email="rosa@example.org")
    assert subscription.status == Subscription.PENDING
    assert subscription.mailing_list.topic == Topic.SERIES
    assert subscription.mailing_list.local_id == world.tree.local12.pk
    assert "Subscribed with the form on" in subscription.consent

    url = link(text_part(message), "confirm")
    assert url.startswith("https://www.opeiu.example/alerts/confirm/")
    path = url.split("opeiu.example", 1)[1]
    page = client.get(path)  # what a link scanner does: nothing changes
    assert "Yes, subscribe me" in page.content.decode()
    subscription.refresh_from_db()
    assert subscription.status == Subscription.PENDING
    token = page.cookies["csrftoken"].value
    done = client.post(path, {"csrfmiddlewaretoken": token})
    assert "You are subscribed" in done.content.decode()
    subscription.refresh_from_db()
    assert subscription.status == Subscription.CONFIRMED and subscription.confirmed_at

    # Subscribing again changes nothing and sends nothing.
    with django_capture_on_commit_callbacks(execute=True):
        subscribe(client, world.series, "series", "rosa@example.org")
    assert len(smtp.to("rosa@example.org")) == 1
    subscription.refresh_from_db()
    assert subscription.status == Subscription.CONFIRMED


def test_bad_input_is_a_form_error_or_a_404(client, world, db, smtp):
    response = subscribe(client, world.series, "series", "not an address")
    assert response.status_code == 400
    assert "Enter a valid email address" in response.content.decode()
    assert subscribe(client, world.series, "bogus", "a@example.org").status_code == 404
    assert client.post("/alerts/subscribe/", {"page": 999999, "topic": "news",
                       "email": "a@example.org"}).status_code == 404  # fmt: skip
    assert client.post("/alerts/subscribe/", {"page": "x"}).status_code == 404
    # A series topic on a page that is not a series.
    assert subscribe(client, world.calendar, "series", "a@example.org").status_code == 404
    assert client.get("/alerts/subscribe/?page=abc&topic=news").status_code == 404
    assert client.get("/alerts/confirm/nope/").status_code == 404
    assert client.post("/alerts/unsubscribe/" + "x" * 80 + "/").status_code == 404
    assert client.put("/alerts/subscribe/").status_code == 405
    assert not Subscription.objects.exists() and smtp.count() == 0


def test_a_bot_filling_the_hidden_field_is_sent_nothing(
    client, world, db, smtp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = subscribe(client, world.calendar, "meetings", "bot@example.org", hp_website="x")
    assert "Check your inbox" in response.content.decode()
    assert not Subscription.objects.exists() and smtp.count() == 0


def test_too_many_sign_ups_from_one_address_are_asked_to_wait(client, world, db, settings):
    settings.ALERTS_SUBSCRIBE_RATE_LIMIT = (2, 600)
    codes = [subscribe(client, world.calendar, "meetings", f"p{n}@example.org").status_code
             for n in range(3)]  # fmt: skip
    assert codes == [200, 200, 429]
    assert MailingList.objects.get().topic == Topic.MEETINGS
