"""The calendar page: upcoming, month, past, filters, closures, 404s and query budgets."""

import datetime as dt
from urllib.parse import quote

import pytest
from django.db import connection
from django.http import Http404, QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.choices import AttendanceMode, EventStatus, Frequency, Weekday
from events.listing import CalendarFilterForm
from events.models import ClosureRule, Occurrence, SeriesDateChange

from .factories import EventPageFactory, MeetingSeriesPageFactory, VenueFactory, publish

pytestmark = pytest.mark.clock  # reads today's date (tests/clock.py)

# The populated calendar has dates of 2025 and 2026 and its tests look at where they fall (past
# page 1 or 2, upcoming): they run on a day they were written for, whatever today is.
WRITTEN_ON = dt.datetime(2026, 11, 23, 17, tzinfo=dt.UTC)
on_the_day_written = pytest.mark.time_machine(WRITTEN_ON, tick=False)


def soon():
    return timezone.now().date() + dt.timedelta(days=10)


@pytest.fixture
def populated(calendar):
    hall = VenueFactory(name="Carpenters Hall")
    publish(
        EventPageFactory(
            parent=calendar,
            title="Strike School",
            start_date=dt.date(2026, 10, 22),
            start_time=dt.time(18, 30),
            end_time=dt.time(20),
            venue=hall,
            live=False,
        )
    )
    publish(
        EventPageFactory(parent=calendar, title="Picnic", start_date=soon(), venue=hall, live=False)
    )
    publish(
        EventPageFactory(
            parent=calendar,
            title="Rally called off",
            start_date=soon(),
            status=EventStatus.CANCELLED,
            status_reason="Rained out",
            live=False,
        )
    )
    series = MeetingSeriesPageFactory(parent=calendar, title="Executive Board", live=False)
    series.date_changes = [
        SeriesDateChange(
            date=dt.date(2025, 3, 5),
            attendance_mode=AttendanceMode.IN_PERSON,
            note="In person at the office",
        )
    ]
    publish(series)
    return calendar


@on_the_day_written
def test_upcoming_lists_dates_times_with_zone_mode_and_status(client, populated):
    html = client.get("/events/").content.decode()
    assert "Upcoming events and meetings" in html
    assert "Picnic" in html and "Strike School" not in html
    assert "6:00 p.m.–8:00 p.m. C" in html  # Central time, with its abbreviation
    assert "Cancelled" in html and "Rally called off" in html
    assert "Executive Board" in html and "Online" in html
    assert "Carpenters Hall" in html


@on_the_day_written
def test_month_view_is_a_table_with_previous_and_next(client, populated):
    html = client.get("/events/?month=2025-03").content.decode()
    assert "<table" in html and "March 2025" in html and 'scope="col"' in html
    assert "?month=2025-02" in html and "?month=2025-04" in html
    day_five = html.split('datetime="2025-03-05"')[1].split("</td>")[0]
    assert "Executive Board" in day_five and "In person" in day_five
    assert "Executive Board" not in html.split('datetime="2025-03-04"')[1].split("</td>")[0]


@on_the_day_written
def test_past_events_are_latest_first(client, populated):
    html = client.get("/events/past/").content.decode()
    assert "Latest past events" in html
    assert "Strike School" in html and "Picnic" not in html
    assert html.index("Strike School") < html.index("October 7, 2026")  # later first
    assert "March 5, 2025" in client.get("/events/past/?page=2").content.decode()


@on_the_day_written
def test_filters_by_mode_and_kind(client, populated):
    online = client.get("/events/?mode=online").content.decode()
    assert "Executive Board" in online and "Picnic" not in online
    events_only = client.get("/events/?kind=event").content.decode()
    assert "Picnic" in events_only and "Executive Board" not in events_only


def test_the_filter_bar_shows_the_choices_made(client, calendar):
    """The filter bar keeps what the visitor chose: the options are the form's, the chosen
    ones are selected, and the scope falls back to the page's default when none is asked."""
    html = client.get("/events/?mode=online&kind=meeting").content.decode()
    assert '<option value="online" selected>Online</option>' in html
    assert '<option value="meeting" selected>Meetings</option>' in html
    assert '<option value="in_person">In person</option>' in html
    default = "all" if calendar.include_sub_sections else "own"
    assert f'<option value="{default}" selected>' in html
    own = client.get("/events/past/?scope=own").content.decode()
    assert '<option value="own" selected>This calendar only</option>' in own
    assert '<option value="" selected>Any way</option>' in own


@on_the_day_written
@pytest.mark.parametrize(
    "query",
    [
        "month=2025-13",
        "month=march",
        "month=0000-01",
        "month=2025-3",
        "mode=zoom",
        "kind=party",
        "scope=everyone",
        "page=0",
        "page=abc",
        "page=999",
        "month=99999-01",
        "month=2026-05%0A",  # a trailing newline ("$" would let it through)
        "month=" + quote("٢٠٢٦-٠٥"),  # Arabic-Indic digits (\d would let them through)
        "month=" + quote("２０２６-０５"),  # fullwidth digits
        "month=2026-13",
        "month=2026-00",
        "month=1899-12",
        "month=3000-01",
        "month=2026-05-01",
        "month=%202026-05",
        "mode=online%0A",
        "mode=ONLINE",
        "kind=meeting%0A",
        "scope=own%0A",
    ],
)
def test_bad_query_values_are_404(client, populated, query):
    assert client.get(f"/events/?{query}").status_code == 404


@pytest.mark.parametrize(
    "query", ["month=2026-05%0A", "month=" + quote("٢٠٢٦-٠٥"), "mode=zoom", "scope=everyone"]
)
def test_the_feed_refuses_bad_filters_too(client, calendar, query):
    assert client.get(f"/events/calendar.ics?{query}").status_code == 404


def test_empty_filters_are_no_filter(client, populated):
    response = client.get("/events/?mode=&kind=&scope=&month=")
    assert response.status_code == 200
    assert response.context["view"] == "upcoming"
    assert response.context["filters"] == {"mode": "", "kind": "", "scope": "", "month": None}


def test_a_valid_month_shows_that_month(client, calendar):
    publish(
        EventPageFactory(
            parent=calendar, title="May Day Picnic", start_date=dt.date(2026, 5, 1), live=False
        )
    )
    response = client.get("/events/?month=2026-05&kind=event")
    html = response.content.decode()
    assert response.context["month"] == dt.date(2026, 5, 1)
    assert response.context["filters"]["kind"] == "event"
    assert "May 2026" in html
    assert "May Day Picnic" in html.split('datetime="2026-05-01"')[1].split("</td>")[0]


@pytest.mark.parametrize(
    ("month", "heading"), [("1900-01", "January 1900"), ("2999-12", "December 2999")]
)
def test_the_first_and_last_months_shown(client, calendar, month, heading):
    response = client.get(f"/events/?month={month}")
    assert response.status_code == 200 and heading in response.content.decode()


def test_meetings_on_office_closures_are_flagged(client, calendar):
    day = soon()
    ClosureRule.objects.create(
        page=calendar, name="Founders' Day", kind="fixed", month=day.month, day=day.day
    )
    publish(
        EventPageFactory(parent=calendar, title="Meeting on a holiday", start_date=day, live=False)
    )
    html = client.get("/events/").content.decode()
    assert "Office closed:" in html and "Founders&#x27; Day" in html


def test_international_calendar_includes_locals_events_by_default(client, home, calendar):
    from .factories import EventIndexPageFactory

    calendar.include_sub_sections = True
    calendar.save()
    local_root = EventIndexPageFactory(parent=home, slug="local-like")  # any page below the section
    local_calendar = EventIndexPageFactory(parent=local_root, slug="local-events")
    publish(
        EventPageFactory(
            parent=local_calendar, title="Local meeting", start_date=soon(), live=False
        )
    )
    publish(
        EventPageFactory(
            parent=calendar, title="International webinar", start_date=soon(), live=False
        )
    )
    both = client.get("/events/").content.decode()
    assert "Local meeting" in both and "International webinar" in both
    own = client.get("/events/?scope=own").content.decode()
    assert "Local meeting" not in own and "International webinar" in own


def _bulk(calendar, count):
    """`count` occurrences, made the fast way (the page publish path is tested elsewhere)."""
    series = publish(
        MeetingSeriesPageFactory(
            parent=calendar,
            frequency=Frequency.WEEKLY,
            weekdays=[Weekday.TUESDAY],
            first_date=timezone.now().date(),
            live=False,
        )
    )
    start = timezone.now()
    Occurrence.objects.filter(page_id=series.pk).delete()
    Occurrence.objects.bulk_create(
        Occurrence(
            page_id=series.pk,
            calendar_id=calendar.pk,
            section_id=calendar.get_parent().pk,
            calendar_path=calendar.path,
            title=series.title,
            kind="meeting",
            start=start + dt.timedelta(hours=i),
            end=start + dt.timedelta(hours=i, minutes=30),
            original_start=start + dt.timedelta(hours=i),
            local_date=(start + dt.timedelta(hours=i)).date(),
            time_zone="America/Chicago",
            attendance_mode="online",
            status="scheduled",
        )
        for i in range(count)
    )


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "path", ["/events/", "/events/past/", "/events/?month=THIS", "/events/calendar.ics", "/"]
)
def test_query_count_is_constant(client, calendar, path):
    ClosureRule.objects.create(page=calendar, name="New Year's Day", kind="fixed", month=1, day=1)
    url = path.replace("THIS", timezone.now().date().strftime("%Y-%m"))
    _bulk(calendar, 10)
    client.get(url)  # warm caches (site root paths)
    few = _queries(client, url)
    _bulk(calendar, 1000)
    assert Occurrence.objects.count() >= 1000
    assert _queries(client, url) == few


def test_the_filter_form_cleans_to_what_the_page_filters_by():
    form = CalendarFilterForm(QueryDict("mode=online&kind=meeting&scope=own&month=2026-05"))
    assert form.cleaned_or_404() == {
        "mode": "online",
        "kind": "meeting",
        "scope": "own",
        "month": dt.date(2026, 5, 1),
    }
    assert CalendarFilterForm(QueryDict("")).cleaned_or_404() == {
        "mode": "",
        "kind": "",
        "scope": "",
        "month": None,
    }
    with pytest.raises(Http404):
        CalendarFilterForm(QueryDict("month=2026-05%0A")).cleaned_or_404()
