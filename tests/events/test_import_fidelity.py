"""Imports that behave like the source (issue 28): the files that failed are samples here, each
with the plan it must give. Join details of online meetings are never published; what the site
cannot hold is said in the plan; a re-import mirrors the file; text arrives intact."""

import datetime as dt

import pytest
from wagtail.models import Revision

from events.choices import AttendanceMode, Frequency
from events.importer import ImportFileError, import_ics, make_plan, report
from events.models import EventPage, MeetingSeriesPage, Occurrence

from .test_import import TODAY, sample

pytestmark = pytest.mark.clock  # reads today's date (tests/clock.py)

JOIN_DETAILS = ["teams.microsoft.com", "245 118 443 95", "Zq7hJ3", "812345678", "zoom.us", "445566"]


def _import(calendar, data, **kwargs):
    kwargs.setdefault("publish", True)
    return import_ics(data, calendar, today=TODAY, **kwargs)


def test_outlook_teams_invite_in_a_customized_zone(client, calendar):
    """Outlook's own TZIDs, defined in the file, are read; the Teams and Zoom join details
    reach neither the page, its summary, the "Add to Google Calendar" link nor the feeds."""
    plan = _import(calendar, sample("outlook-teams-custom-zone.ics"))
    assert plan.totals["create"] == 2
    assert all("join details left out" in " ".join(action.notes) for action in plan.actions)
    council = EventPage.objects.get(title="Stewards' Council")
    assert (council.time_zone, council.start_time) == ("America/Chicago", dt.time(17))
    assert council.listing_summary == "Quarterly stewards' council."
    assert council.attendance_mode == AttendanceMode.ONLINE and not council.online_url
    check_in = EventPage.objects.get(title="Regional check-in")
    assert (check_in.time_zone, check_in.start_time) == ("America/New_York", dt.time(10))
    published = b"".join(
        client.get(url).content
        for url in (council.url, check_in.url, "/events/calendar.ics", "/events/")
    ).decode()
    for secret in JOIN_DETAILS:
        assert secret not in published
        assert secret not in check_in.listing_summary + council.listing_summary


def test_sub_daily_rules_and_lists_cut_short_are_said_in_the_plan(calendar):
    plan = make_plan(sample("picket-shifts.ics"), calendar, TODAY)
    warnings = " ".join(plan.warnings)
    assert "“Picket shift” repeats more than once a day" in warnings
    assert "“Steward training” repeats more than once a day" in warnings  # BYHOUR=9,17
    titles = {action.title: action for action in plan.actions}
    assert set(titles) == {"Morning check-in call", "Lunch and learn"}
    daily = titles["Morning check-in call"]  # COUNT=5000: 13 years of days
    assert daily.fields["frequency"] == Frequency.DATES
    assert "later ones are not imported" in daily.notes[0]
    lunch = titles["Lunch and learn"]  # every other Monday, no end
    assert lunch.fields["last_date"] == dt.date(2029, 1, 1)  # two years ahead
    assert "its dates are listed until 2029-01-01" in lunch.notes[0]
    lines = report(plan)
    assert any("Picket shift" in line for line in lines) and not MeetingSeriesPage.objects.exists()


def test_a_long_bounded_rule_keeps_its_real_end(calendar):
    data = sample("google-export.ics").replace(
        b"RRULE:FREQ=MONTHLY;BYDAY=1TU", b"RRULE:FREQ=MONTHLY;BYDAY=1TU;COUNT=120"
    )
    _import(calendar, data)
    board = MeetingSeriesPage.objects.get(title="Executive Board")
    assert board.frequency == Frequency.MONTHLY and board.last_date == dt.date(2036, 12, 2)


def test_this_and_future_splits_the_series_and_two_masters_are_both_kept(calendar):
    plan = _import(calendar, sample("this-and-future.ics"))
    before, after = MeetingSeriesPage.objects.filter(title="Executive Board").order_by("first_date")
    assert (before.first_date, before.last_date, before.start_time) == (
        dt.date(2027, 1, 5),
        dt.date(2027, 5, 4),
        dt.time(18),
    )
    assert (after.first_date, after.last_date, after.start_time) == (
        dt.date(2027, 6, 1),
        None,
        dt.time(17, 30),
    )
    assert after.frequency == Frequency.MONTHLY and after.duration_minutes == 90
    assert sorted(EventPage.objects.values_list("title", flat=True)) == [
        "New members' orientation",
        "Retirees' lunch",
    ]
    assert any("Two events share the UID dup@example.org" in w for w in plan.warnings)
    again = _import(calendar, sample("this-and-future.ics"))
    assert again.totals == {"create": 0, "update": 0, "unchanged": 4, "unpublish": 0}


def test_reimport_mirrors_the_source(calendar):
    _import(calendar, sample("google-export.ics"))
    budget = EventPage.objects.get(title="Executive Board: budget session")
    assert budget.live
    # The source drops the override (April is the usual meeting again) and the blitz event.
    data = sample("google-export.ics")
    start = data.index(b"BEGIN:VEVENT", data.index(b"RECURRENCE-ID;TZID=America/Chicago:20270406"))
    start = data.rindex(b"BEGIN:VEVENT", 0, data.index(b"20270406T180000"))
    end = data.index(b"END:VEVENT\r\n", start) + len(b"END:VEVENT\r\n")
    data = data[:start] + data[end:]
    blitz = data.index(b"SUMMARY:Spring Organizing Blitz")
    start = data.rindex(b"BEGIN:VEVENT", 0, blitz)
    end = data.index(b"END:VEVENT\r\n", blitz) + len(b"END:VEVENT\r\n")
    data = data[:start] + data[end:]
    plan = _import(calendar, data)
    assert [(a.verb, a.title) for a in plan.actions if a.verb == "unpublish"] == [
        ("unpublish", "Executive Board: budget session")
    ]
    assert any("Spring Organizing Blitz" in w and "not in this file" in w for w in plan.warnings)
    assert not EventPage.objects.get(pk=budget.pk).live
    board = MeetingSeriesPage.objects.get(title="Executive Board")
    assert dt.date(2027, 4, 6) not in {c.date for c in board.date_changes.all()}
    april = Occurrence.objects.filter(page_id=board.pk, local_date=dt.date(2027, 4, 6))
    assert april.get().status == "scheduled"  # one meeting that day, not two
    assert not Occurrence.objects.filter(page_id=budget.pk).exists()


def test_draft_reimport_is_idempotent(calendar):
    _import(calendar, sample("google-export.ics"))
    changed = sample("google-export.ics").replace(
        b"SUMMARY:Organizing Committee", b"SUMMARY:Organizing Committee (new room)"
    )
    first = _import(calendar, changed, publish=False)
    assert first.totals["update"] == 1
    revisions = Revision.objects.count()
    second = _import(calendar, changed, publish=False)
    assert second.totals == {"create": 0, "update": 0, "unchanged": 5, "unpublish": 0}
    assert Revision.objects.count() == revisions
    live = MeetingSeriesPage.objects.get(title="Organizing Committee")
    assert live.title == "Organizing Committee" and live.has_unpublished_changes


FOLDED_EURO = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:test\r\nBEGIN:VEVENT\r\nUID:e1@example.org\r\n"
    b"DTSTAMP:20260101T000000Z\r\nDTSTART;TZID=America/Chicago:20270101T100000\r\n"
    b"SUMMARY:Dues \xe2\x82\r\n \xac 10\r\nDESCRIPTION:%s\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def test_text_arrives_as_the_source_wrote_it(calendar):
    html = (
        b"<p>Bring your card.</p><p>Dinner at 5:30.<br>Parking in back.</p>"
        b"<script>alert(1)</script><style>p{color:red}</style>"
        b"Agenda: <https://local12.example/agenda>"
    )
    _import(calendar, FOLDED_EURO % html)
    event = EventPage.objects.get()
    assert event.title == "Dues € 10"  # folded inside the euro sign, unfolded before decoding
    assert event.listing_summary == (
        "Bring your card.\nDinner at 5:30.\nParking in back.\n"
        "Agenda: https://local12.example/agenda"
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (FOLDED_EURO.replace(b"Dues", b"Dues \xff") % b"x", "line 8 has bytes that are not UTF-8"),
        (
            FOLDED_EURO.replace(b"UID:e1@example.org", b"UID:" + b"u" * 256) % b"x",
            "UID of event",
        ),
        (FOLDED_EURO.replace(b"DTSTART;", b"DTEND:2027\r\nDTSTART;") % b"x", "DTEND of event"),
    ],
    ids=["invalid-utf8", "long-uid", "unreadable-value"],
)
def test_bad_text_is_refused_alike_by_dry_run_and_import_without_reprs(calendar, data, message):
    for dry_run in (True, False):
        with pytest.raises(ImportFileError, match=message) as error:
            import_ics(data, calendar, dry_run=dry_run, today=TODAY)
        assert "\\x" not in str(error.value) and "Got:" not in str(error.value)
    assert not EventPage.objects.exists()


def test_a_large_file_is_applied_in_bulk_with_progress(calendar, django_assert_max_num_queries):
    """Rows go in together (the admin's 600-event file took 100 s one page at a time): the
    queries per event stay a few (the reference index is per page), and progress is told."""
    from bench.calendar_import import build_file
    from events.importer import run_import

    seen = []
    content = build_file(100).decode()
    with django_assert_max_num_queries(400):
        totals = run_import(calendar.pk, content, publish=True, progress=lambda *p: seen.append(p))
    assert totals["create"] == 100 and seen[0] == (0, 100) and seen[-1] == (100, 100)
    assert len(seen) > 10 and seen == sorted(seen)  # told as it goes, never backwards
    assert EventPage.objects.filter(live=True).count() == 98  # and two weekly series
    assert MeetingSeriesPage.objects.filter(live=True).count() == 2
    assert Occurrence.objects.filter(calendar_id=calendar.pk).count() > 100
    assert Revision.objects.count() == 100
