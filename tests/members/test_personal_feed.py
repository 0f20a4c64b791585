"""The personal calendar feed: one private URL per member merging their locals' meetings,
events and office closures with the public feeds' correctness (VTIMEZONE, per-date changes as
RECURRENCE-ID overrides, the same UIDs), read without a session by icalendar and by
Thunderbird's ical.js; a reset gives a new URL and the old one is a 404 at once."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from events.models import EventIndexPage
from members.models import PersonalFeed
from tests.events.factories import EventPageFactory, publish
from tests.icaljs import icaljs

from . import myunion_data as data

pytestmark = pytest.mark.clock  # the demo and the meetings are dated from today


@pytest.fixture(scope="module")
def pat(demo_data, django_db_blocker):
    with django_db_blocker.unblock():
        return data.make_member()


def feed_url(client, user):
    """The feed's address as My union shows it to the signed-in member."""
    client.force_login(user)
    html = client.get("/my-union/").content.decode()
    token = PersonalFeed.objects.get(user=user).token
    url = reverse("members:feed", args=[token])
    assert f"http://testserver{url}" in html
    client.logout()
    return url


def vevents(body):
    return list(Calendar.from_ical(body).walk("VEVENT"))


def local12_calendar():
    return EventIndexPage.objects.get(path__startswith=data.local(12).path)


def test_the_feed_is_read_without_a_session_and_never_cached_publicly(db, client, pat):
    url = feed_url(client, pat)
    response = client.get(url)  # no cookie: as a calendar app fetches it
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert "Set-Cookie" not in response
    assert client.get(url.replace(".ics", "x.ics")).status_code == 404  # a wrong token


def test_the_feed_has_the_public_feeds_uids_vtimezone_changes_and_closures(db, client, pat):
    url = feed_url(client, pat)
    body = client.get(url).content
    calendar = Calendar.from_ical(body)
    assert {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")} >= {"America/Chicago"}
    mine = vevents(body)
    public = vevents(client.get(local12_calendar().url + "calendar.ics").content)
    assert {str(e["UID"]) for e in public} <= {str(e["UID"]) for e in mine}
    assert not [e for e in mine if "local-212" in str(e.get("URL", ""))]  # not their local
    board_uid = f"series-{data.board().pk}@opeiu.org"
    overrides = [e for e in mine if str(e["UID"]) == board_uid and "RECURRENCE-ID" in e]
    assert overrides  # the demo's per-date changes (January moved, in-person dates)
    master = next(e for e in mine if str(e["UID"]) == board_uid and "RECURRENCE-ID" not in e)
    assert master["DTSTART"].params["TZID"] == "America/Chicago" and "RRULE" in master
    closures = [e for e in mine if str(e["SUMMARY"]).startswith("Office closed: ")]
    assert any("Christmas Day" in str(e["SUMMARY"]) for e in closures)


def test_members_only_meetings_are_in_the_members_feed_only(db, client, pat):
    calendar = local12_calendar()
    start = timezone.localdate() + dt.timedelta(days=20)
    event = EventPageFactory(
        parent=calendar,
        slug="members-caucus",
        title="Members caucus",
        live=False,
        start_date=start,
    )
    event = publish(event)
    data.restrict_to_members(event)
    url = feed_url(client, pat)
    assert b"Members caucus" in client.get(url).content
    assert b"Members caucus" not in client.get(calendar.url + "calendar.ics").content
    outsider = data.make_member("other.local@example.org", number=212)
    assert b"Members caucus" not in client.get(feed_url(client, outsider)).content


def test_icaljs_reads_the_next_executive_board_date(db, client, pat, node_modules):
    board = data.next_board_occurrence()
    # A per-date change on the next date: moved a day later, an hour later.
    moved_to = board.local_date + dt.timedelta(days=1)
    data.change_board_date(board.local_date, new_date=moved_to, new_start_time=dt.time(19))
    url = feed_url(client, pat)
    feed = client.get(url).content
    until = (moved_to + dt.timedelta(days=40)).isoformat()
    items = icaljs(feed, f"series-{board.page_id}@opeiu.org", until)
    after = board.start - dt.timedelta(hours=1)
    coming = [item for item in items if item["utc"] >= after.timestamp()]
    assert coming[0]["start"].startswith(f"{moved_to.isoformat()}T19:00")
    assert coming[0]["tzid"] == "America/Chicago"
    # The same date My union shows as the next Executive Board meeting.
    client.force_login(pat)
    html = client.get("/my-union/").content.decode()
    assert f"{moved_to.isoformat()}T19:00:00" in html


def test_reset_gives_a_new_url_and_the_old_one_is_gone(db, client, pat):
    old = feed_url(client, pat)
    assert client.get(old).status_code == 200
    client.force_login(pat)
    assert client.get(reverse("members:reset_feed")).status_code == 405  # a POST only
    response = client.post(reverse("members:reset_feed"), follow=True)
    assert "Your calendar has a new address" in response.content.decode()
    client.logout()
    new = reverse("members:feed", args=[PersonalFeed.objects.get(user=pat).token])
    assert new != old
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_reset_needs_a_signed_in_member(db, client, pat):
    response = client.post(reverse("members:reset_feed"))
    assert response.status_code == 302 and "next=" in response["Location"]


def test_a_deactivated_account_has_no_feed(db, client, pat):
    url = feed_url(client, pat)
    pat.is_active = False
    pat.save()
    assert client.get(url).status_code == 404


def test_the_page_cache_never_keeps_the_feed(db, client, pat, page_cache_on):
    url = feed_url(client, pat)
    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 200
        assert response.get("X-Page-Cache") != "HIT" and "xkey" not in response
    client.force_login(pat)
    client.post(reverse("members:reset_feed"))
    client.logout()
    assert client.get(url).status_code == 404  # not a stored copy of the old calendar
