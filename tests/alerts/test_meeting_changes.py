"""Publishing a change to a meeting series emails its subscribers, once, through a real SMTP
server: what changed, the time in the series' zone, the .ics update, the RFC 8058 headers and
an unsubscribe that works without signing in. Tasks run in this process here (the real worker
is in test_worker.py), except where the test checks that publishing only enqueues."""

import datetime as dt
import re

import icalendar
import pytest
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from alerts import subscriptions
from alerts.models import Delivery, Notice, SeriesSnapshot, Subscription, Topic
from events.date_changes import loaded_token
from events.models import MeetingSeriesPage, SeriesDateChange
from tests.conftest import make_home
from tests.db import kept_data
from tests.locals.helpers import login_as_local_moderator
from tests.smtp import calendar_part, html_part, text_part

from .conftest import BASE_URL
from .helpers import MEMBERSHIP, build_world, next_meeting

pytestmark = pytest.mark.clock  # the series' dates are relative to today


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with kept_data(django_db_blocker), django_db_blocker.unblock():
        world = build_world(make_home())
        series_list = subscriptions.list_for(world.series, Topic.SERIES)
        meetings_list = subscriptions.list_for(world.calendar, Topic.MEETINGS)
        for email, lists in (
            ("rosa@example.org", [series_list]),
            ("both@example.org", [series_list, meetings_list]),
            ("all@example.org", [meetings_list]),
        ):
            for mailing_list in lists:
                subscriptions.subscribe(mailing_list, email, "test", confirmed=True)
        subscriptions.subscribe(series_list, "pending@example.org", "test")
        world.series_list, world.meetings_list = series_list, meetings_list
        yield world


def publish_as_moderator(client, series, date, **fields):
    login_as_local_moderator(client, 12)
    data = {"date": date.isoformat(), "action": "publish", "loaded": loaded_token(date, None)}
    response = client.post(reverse("opeiu_meetings:change", args=[series.pk]), {**data, **fields})
    assert response.status_code == 302, response.content.decode()[:2000]


def publish_changes(series, changes):
    page = MeetingSeriesPage.objects.get(pk=series.pk).get_latest_revision_as_object()
    page.date_changes = changes
    page.save_revision().publish()


SUBSCRIBED = ["rosa@example.org", "both@example.org", "all@example.org"]


def test_a_cancelled_meeting_emails_each_subscriber_once(
    client, world, db, smtp, django_capture_on_commit_callbacks
):
    date = next_meeting(world.series)
    sequence_before = MeetingSeriesPage.objects.get(pk=world.series.pk).ical_sequence
    with django_capture_on_commit_callbacks(execute=True):
        publish_as_moderator(client, world.series, date, cancelled="on")

    assert sorted(rcpt for message in smtp.messages for rcpt in message.rcpt_tos) == sorted(
        SUBSCRIBED
    )
    assert smtp.to("pending@example.org") == []
    [message] = smtp.to("rosa@example.org")
    day = f"{date:%A}, {date:%B} {date.day}, {date.year}"
    assert message["Subject"] == f"{MEMBERSHIP}: {date:%a, %b} {date.day} cancelled"
    text = text_part(message)
    assert f"{day}: cancelled" in text
    assert f"{BASE_URL}/" in text and "/membership/" in text
    html = html_part(message)
    assert "cancelled" in html and 'name="viewport"' in html and "prefers-color-scheme" in html

    # RFC 8058: an https URL and a mailto, and the one-click POST header.
    subscription = Subscription.objects.get(email="rosa@example.org")
    unsubscribe = f"{BASE_URL}/alerts/unsubscribe/{subscription.token}/"
    assert message["List-Unsubscribe"].startswith(f"<{unsubscribe}>, <mailto:")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe in text and unsubscribe in html
    # Someone on both lists is named by the series list (the more specific one).
    [both] = smtp.to("both@example.org")
    assert "Membership meetings (OPEIU Local 12): meeting changes" in text_part(both)
    [everything] = smtp.to("all@example.org")
    assert "OPEIU Local 12: meeting changes" in text_part(everything)

    # The .ics: the feed's UID, a higher SEQUENCE, METHOD:PUBLISH, the date cancelled.
    part = calendar_part(message)
    assert part.get_param("method") == "PUBLISH"
    calendar = icalendar.Calendar.from_ical(part.get_payload(decode=True))
    assert calendar["METHOD"] == "PUBLISH"
    events = list(calendar.walk("VEVENT"))
    assert {str(e["UID"]) for e in events} == {f"series-{world.series.pk}@opeiu.org"}
    assert all(int(e["SEQUENCE"]) > sequence_before for e in events)
    feed = client.get(world.series.url + "calendar.ics").content
    feed_events = icalendar.Calendar.from_ical(feed).walk("VEVENT")
    assert {str(e["UID"]) for e in feed_events} == {f"series-{world.series.pk}@opeiu.org"}
    [cancelled] = [e for e in events if "RECURRENCE-ID" in e]
    assert cancelled["STATUS"] == "CANCELLED"
    assert cancelled["RECURRENCE-ID"].dt.date() == date

    notice = Notice.objects.get()
    assert notice.status == Notice.DONE
    assert set(notice.deliveries.values_list("status", flat=True)) == {Delivery.SENT}


def test_a_move_says_the_new_time_in_the_series_zone(
    world, db, smtp, django_capture_on_commit_callbacks
):
    first, second = next_meeting(world.series), next_meeting(world.series, 1)
    with django_capture_on_commit_callbacks(execute=True):
        publish_changes(
            world.series,
            [
                SeriesDateChange(date=first, new_start_time=dt.time(19, 30), note="Later start"),
                SeriesDateChange(date=second, cancelled=True),
            ],
        )
    [message] = smtp.to("rosa@example.org")  # two changes, one email
    assert message["Subject"] == f"{MEMBERSHIP}: 2 meeting changes"
    text = text_part(message)
    # 7:30 p.m. in Chicago, whatever the server's zone, with the zone's abbreviation.
    assert re.search(rf"When: \w+, {first:%B} {first.day}, {first.year}, 7:30 p\.m\. C[SD]T", text)
    assert "Note: Later start" in text
    assert f"{second:%B} {second.day}, {second.year}: cancelled" in text
    assert len(smtp.messages) == 3


def test_republishing_or_changing_a_past_date_sends_nothing(
    world, db, smtp, django_capture_on_commit_callbacks
):
    past = [
        d for d in world.series.dates(next_meeting(world.series)) if d < next_meeting(world.series)
    ]
    with django_capture_on_commit_callbacks(execute=True):
        publish_changes(world.series, [SeriesDateChange(date=past[-2], cancelled=True)])
        publish_changes(world.series, [SeriesDateChange(date=past[-2], cancelled=True)])
    assert smtp.count() == 0 and not Notice.objects.exists()


def test_unsubscribe_page_and_one_click_post_work_without_signing_in(world, db):
    client = Client(enforce_csrf_checks=True)
    subscription = Subscription.objects.get(email="rosa@example.org")
    path = f"/alerts/unsubscribe/{subscription.token}/"
    page = client.get(path)
    assert page.status_code == 200 and "Unsubscribe" in page.content.decode()
    assert "csrfmiddlewaretoken" not in page.content.decode()
    subscription.refresh_from_db()
    assert subscription.status == Subscription.CONFIRMED  # a GET changes nothing
    response = client.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    subscription.refresh_from_db()
    assert subscription.status == Subscription.UNSUBSCRIBED
    # The visible link's button does the same.
    other = Subscription.objects.get(email="all@example.org")
    done = client.post(f"/alerts/unsubscribe/{other.token}/")
    assert "You are unsubscribed" in done.content.decode()
    other.refresh_from_db()
    assert other.status == Subscription.UNSUBSCRIBED


def test_someone_who_unsubscribed_is_not_sent_the_next_notice(
    client, world, db, smtp, django_capture_on_commit_callbacks
):
    subscriptions.unsubscribe(Subscription.objects.get(email="rosa@example.org"))
    with django_capture_on_commit_callbacks(execute=True):
        publish_as_moderator(client, world.series, next_meeting(world.series), cancelled="on")
    assert smtp.to("rosa@example.org") == []
    assert len(smtp.to("both@example.org")) == 1


def test_the_publishing_request_only_enqueues(
    client, world, db, smtp, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {
        **settings.TASKS,
        "worker": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
    }
    with django_capture_on_commit_callbacks(execute=True):
        publish_as_moderator(client, world.series, next_meeting(world.series), cancelled="on")
    assert smtp.count() == 0
    notice = Notice.objects.get()
    assert notice.status == Notice.QUEUED and not notice.deliveries.exists()
    [task] = DBTaskResult.objects.all()
    assert task.task_path == "alerts.sending.send_notice_task" and task.args_kwargs["args"] == [
        notice.pk
    ]


def test_a_series_published_before_alerts_existed_compares_with_its_previous_revision(
    world, db, smtp, django_capture_on_commit_callbacks
):
    SeriesSnapshot.objects.all().delete()  # as on a site where the series predates this app
    with django_capture_on_commit_callbacks(execute=True):
        publish_changes(
            world.series, [SeriesDateChange(date=next_meeting(world.series), cancelled=True)]
        )
    assert len(smtp.to("rosa@example.org")) == 1
    assert SeriesSnapshot.objects.filter(series_id=world.series.pk).exists()
