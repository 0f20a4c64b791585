"""Demo calendars: Local 12's (meetings, Strike School, office closures) and the International's.

Facts from shared/DEMO_CONTENT.md; where the seeds print no rule or year, the choice is ours:
the Executive Board dates fit 2025 (first Wednesday, January moved to the 8th) and the series
carries on with no end; membership meetings are on the third Wednesday of each month (the seed
says only "Wednesdays at 6:00, hybrid"); the Strike School evenings are two recent, past dates,
and a third one is three weeks after the day the demo is loaded, with registration on the site
(issue 26: 40 places, until noon the day before), so the demo shows the form and its places."""

import datetime as dt
import json

from dateutil.relativedelta import TH, TU, WE, relativedelta
from django.utils import timezone
from wagtail.models import Page, Site

from demo.helpers import ensure_page
from events import closures
from events.choices import AttendanceMode, ClosureKind, EventStatus, Frequency, Weekday
from events.models import (
    ClosureRule,
    EventIndexPage,
    EventPage,
    MeetingSeriesPage,
    SeriesDateChange,
    Venue,
)

LOCAL_ZONE = "America/Chicago"


def _paragraphs(*texts):
    return json.dumps([{"type": "paragraph", "value": f"<p>{text}</p>"} for text in texts])


def _venue(name, **fields):
    venue, _ = Venue.objects.get_or_create(name=name, defaults=fields)
    return venue


def closure_rules():
    """Local 12's twelve office closures, as rules."""
    fixed, nth = ClosureKind.FIXED, ClosureKind.NTH_WEEKDAY
    return [
        ClosureRule(name="New Year's Day", kind=fixed, month=1, day=1, observed=True),
        ClosureRule(
            name="Martin Luther King Jr. Day", kind=nth, month=1, weekday=Weekday.MONDAY, week=3
        ),
        ClosureRule(name="Good Friday", kind=ClosureKind.EASTER, offset_days=-2),
        ClosureRule(name="Memorial Day", kind=nth, month=5, weekday=Weekday.MONDAY, week=-1),
        ClosureRule(name="Juneteenth", kind=fixed, month=6, day=19, observed=True),
        ClosureRule(name="Independence Day", kind=fixed, month=7, day=4, observed=True),
        ClosureRule(name="Labor Day", kind=nth, month=9, weekday=Weekday.MONDAY, week=1),
        ClosureRule(name="Thanksgiving Day", kind=nth, month=11, weekday=Weekday.THURSDAY, week=4),
        ClosureRule(
            name="Day after Thanksgiving Day",
            kind=ClosureKind.RELATIVE,
            reference="Thanksgiving Day",
            offset_days=1,
        ),
        ClosureRule(
            name="Last working day before Christmas Day",
            kind=ClosureKind.LAST_WORKING_DAY_BEFORE,
            month=12,
            day=25,
        ),
        ClosureRule(name="Christmas Day", kind=fixed, month=12, day=25, observed=True),
        ClosureRule(
            name="Last working day before New Year's Day",
            kind=ClosureKind.LAST_WORKING_DAY_BEFORE,
            month=1,
            day=1,
        ),
    ]


def _board_changes():
    in_person = AttendanceMode.IN_PERSON
    changes = [
        SeriesDateChange(
            date=dt.date(2025, 1, 1),
            new_date=dt.date(2025, 1, 8),
            attendance_mode=in_person,
            note="Moved a week because of New Year's Day; in person at the office.",
        ),
    ]
    for month, day in ((3, 5), (5, 7), (9, 3), (11, 5)):
        changes.append(
            SeriesDateChange(
                date=dt.date(2025, month, day),
                attendance_mode=in_person,
                note="In person at the Local 12 office.",
            )
        )
    return changes


def load_local_calendar(section, log):
    """Build Local 12's calendar under `section` (a LocalPage, or any section root page)."""
    office = _venue(
        "Local 12 office",
        street_address="2277 Highway 36 W",
        locality="Roseville",
        region="MN",
        postal_code="55113",
        map_url="https://www.openstreetmap.org/search?query=2277%20Highway%2036%20W%20Roseville%20MN",
    )
    hall = _venue(
        "Carpenters Hall",
        street_address="710 Olive Street",
        locality="Saint Paul",
        region="MN",
        postal_code="55130",
        map_url="https://www.openstreetmap.org/search?query=710%20Olive%20Street%20Saint%20Paul%20MN",
    )
    calendar, created = ensure_page(
        section,
        EventIndexPage,
        "events",
        title="Meetings and events",
        show_in_menus=True,
        include_sub_sections=False,
        intro="Executive Board, membership and contract action team meetings, trainings, and "
        "the days the office is closed. Subscribe to keep them in your phone's calendar.",
        closure_rules=closure_rules(),
    )
    log.step(f"{'created' if created else 'kept'} calendar {calendar.url_path}")
    common = {"time_zone": LOCAL_ZONE, "venue": office}
    ensure_page(
        calendar,
        MeetingSeriesPage,
        "executive-board",
        title="Executive Board meetings",
        listing_summary="The Executive Board meets the first Wednesday of each month at 6:00 pm, "
        "on Zoom unless a date says in person.",
        frequency=Frequency.MONTHLY,
        week_of_month=1,
        monthly_weekday=Weekday.WEDNESDAY,
        start_time=dt.time(18),
        duration_minutes=90,
        first_date=dt.date(2025, 1, 1),
        attendance_mode=AttendanceMode.ONLINE,
        date_changes=_board_changes(),
        body=_paragraphs(
            "Members are welcome to observe. The Zoom link goes out by email the "
            "week before; in-person meetings are at the union office in Roseville."
        ),
        **common,
    )
    ensure_page(
        calendar,
        MeetingSeriesPage,
        "membership-meetings",
        title="Membership meetings",
        listing_summary="Membership meetings on the third Wednesday of the month at 6:00 pm, in "
        "person at the office and on Zoom.",
        frequency=Frequency.MONTHLY,
        week_of_month=3,
        monthly_weekday=Weekday.WEDNESDAY,
        start_time=dt.time(18),
        duration_minutes=90,
        first_date=dt.date(2025, 1, 15),
        attendance_mode=AttendanceMode.HYBRID,
        body=_paragraphs(
            "Reports from the officers and stewards, votes on local business, and "
            "time for your questions. Come to the office or join from home."
        ),
        **common,
    )
    ensure_page(
        calendar,
        MeetingSeriesPage,
        "healthpartners-cat",
        title="HealthPartners CAT meetings",
        listing_summary="The HealthPartners contract action team meets every Tuesday, 6:30 to "
        "7:30 pm on Zoom. Register once to get the link.",
        frequency=Frequency.WEEKLY,
        weekdays=[Weekday.TUESDAY],
        start_time=dt.time(18, 30),
        duration_minutes=60,
        first_date=dt.date(2025, 1, 7),
        attendance_mode=AttendanceMode.ONLINE,
        registration_required=True,
        registration_url="https://forms.example.org/local-12/healthpartners-cat",
        body=_paragraphs(
            "After the holiday break the team started again on Tuesday, January 7, "
            "2025. Bring what you hear on your unit; we plan the next steps together."
        ),
        time_zone=LOCAL_ZONE,
    )
    for slug, date in (
        ("strike-school-september", dt.date(2026, 9, 24)),
        ("strike-school-october", dt.date(2026, 10, 22)),
    ):
        ensure_page(
            calendar,
            EventPage,
            slug,
            title=f"HealthPartners Strike School ({date:%B} {date.day})",
            listing_summary="What a strike means, how we prepare, and how we support each other. "
            "In person only, at Carpenters Hall in Saint Paul.",
            start_date=date,
            start_time=dt.time(18, 30),
            end_time=dt.time(20),
            attendance_mode=AttendanceMode.IN_PERSON,
            venue=hall,
            registration_required=True,
            body=_paragraphs(
                "An evening for HealthPartners members: your rights, strike pay, "
                "picket duty and how decisions get made. Registration is required "
                "so we have enough seats and food."
            ),
            time_zone=LOCAL_ZONE,
        )
    _upcoming_strike_school(calendar, hall)
    log.step("Local 12: Executive Board, membership, CAT meetings, Strike School, 12 closures")
    return calendar


def _upcoming_strike_school(calendar, hall):
    """The next Strike School evening, a Thursday three weeks or so after today and at least
    three days from any office closure (not New Year's Eve), taking registrations on the site
    (registrations app): 40 places, until noon the day before."""
    from registrations.models import RegistrationSettings

    today = timezone.localdate()
    near_closure = {
        day + dt.timedelta(days=shift)
        for day, _name in closures.ahead(closure_rules(), today, days=365)
        for shift in range(-3, 4)
    }
    date = today + relativedelta(weeks=3, weekday=TH)
    while date in near_closure:
        date += dt.timedelta(weeks=1)
    event, _created = ensure_page(
        calendar,
        EventPage,
        "strike-school-next",
        title=f"HealthPartners Strike School ({date:%B} {date.day})",
        listing_summary="A third Strike School evening for HealthPartners members who missed "
        "the first two. In person only, at Carpenters Hall in Saint Paul; register here.",
        start_date=date,
        start_time=dt.time(18, 30),
        end_time=dt.time(20),
        attendance_mode=AttendanceMode.IN_PERSON,
        venue=hall,
        registration_required=True,
        body=_paragraphs(
            "Missed the first two evenings? This one covers the same ground: your rights, "
            "strike pay, picket duty and how decisions get made. Register on this page so we "
            "have enough seats and food; if it fills up, join the waitlist and we will "
            "email you when a place opens."
        ),
        time_zone=LOCAL_ZONE,
    )
    day_before = dt.datetime.combine(event.start_date - dt.timedelta(days=1), dt.time(12))
    RegistrationSettings.objects.get_or_create(
        page=event,
        date=None,
        defaults={
            "capacity": 40,
            "deadline": timezone.make_aware(day_before, event.zone),
            "enabled": True,
        },
    )


def _next_weekday(today, months_ahead, weekday):
    return today + relativedelta(months=months_ahead, day=1, weekday=weekday)


def load_international(log):
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return None
    home = site.root_page
    calendar, created = ensure_page(
        home.specific,
        EventIndexPage,
        "events",
        title="Events",
        show_in_menus=True,
        include_sub_sections=True,
        intro="Trainings, calls and meetings of the International, with the events our locals "
        "publish. Filter by how you can attend, or subscribe in your calendar app.",
    )
    log.step(f"{'created' if created else 'kept'} the International's calendar {calendar.url_path}")
    today = timezone.localdate()
    training_day = _next_weekday(today, 1, WE(2))
    ensure_page(
        calendar,
        EventPage,
        "new-steward-training",
        title="New steward training (online)",
        listing_summary="Two hours on the basics: grievances, investigations, and your rights "
        "when you represent a co-worker.",
        start_date=training_day,
        start_time=dt.time(13),
        end_time=dt.time(15),
        time_zone="America/New_York",
        attendance_mode=AttendanceMode.ONLINE,
        registration_required=True,
        registration_url="https://forms.example.org/opeiu/stewards",
        registration_deadline=training_day - dt.timedelta(days=3),
        status=EventStatus.SCHEDULED,
        body=_paragraphs(
            "For stewards in their first year, from any local. We send the link and "
            "a short workbook when you register."
        ),
    )
    ensure_page(
        calendar,
        MeetingSeriesPage,
        "member-action-team-calls",
        title="Member Action Team calls",
        listing_summary="A monthly half hour on the campaigns that need members' voices now.",
        frequency=Frequency.MONTHLY,
        week_of_month=2,
        monthly_weekday=Weekday.TUESDAY,
        start_time=dt.time(19),
        duration_minutes=30,
        first_date=_next_weekday(today, 0, TU(2)) - relativedelta(months=2),
        time_zone="America/New_York",
        attendance_mode=AttendanceMode.ONLINE,
        registration_url="https://forms.example.org/opeiu/member-action-team",
        body=_paragraphs("Sign up to the Member Action Team to get the call-in details."),
    )
    log.step("the International: steward training and Member Action Team calls")
    return calendar


def load(log):
    load_international(log)
    local = Page.objects.filter(slug="local-12").first()
    if local is None:
        log.step("no page with the slug local-12: skipped Local 12's calendar")
        return
    load_local_calendar(local.specific, log)
