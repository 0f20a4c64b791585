"""Demo shifts: a week of worksite visibility shifts for Local 12's HealthPartners contract
action team, created from a rule (the weekdays of next week) as staff would in the admin.

Demo content, said so on the page: DEMO_CONTENT.md names the HealthPartners contract action
team and Strike School (which covers picket duty) but prints no picket or action dates, so the
week is next week from the day the demo is loaded. The worksites are the demo roster's
(demo/members.py); the demo member Pat Rivera has signed up for two shifts, so "My union"
shows their hours."""

import datetime as dt
import json

from django.utils import timezone

from demo.helpers import ensure_page
from events.choices import AttendanceMode
from events.models import EventIndexPage, EventPage
from members import demo_values as pat
from registrations.shift_models import Shift, ShiftSignup
from registrations.shift_services import create_shifts, weekly_dates

LOCAL_ZONE = "America/Chicago"
WEEKDAYS = [0, 1, 2, 3, 4]  # Monday to Friday
SHIFTS = [
    # (start, end, worksite, people needed)
    (dt.time(7), dt.time(9), "Como Clinic, Saint Paul: main entrance", 4),
    (dt.time(16), dt.time(18), "Riverside Clinic, Minneapolis: front sidewalk", 3),
]


def _paragraphs(*texts):
    return json.dumps([{"type": "paragraph", "value": f"<p>{text}</p>"} for text in texts])


def load(log):
    calendar = EventIndexPage.objects.filter(slug="events", url_path__contains="/local-12/").first()
    if calendar is None:
        log.step("no Local 12 calendar: skipped the demo shifts")
        return
    today = timezone.localdate()
    monday = today + dt.timedelta(days=7 - today.weekday())
    friday = monday + dt.timedelta(days=4)
    event, created = ensure_page(
        calendar,
        EventPage,
        "worksite-visibility-shifts",
        title="HealthPartners contract action: worksite visibility shifts (demo)",
        listing_summary="A week of short shifts outside two clinics, before and after work. "
        "Sign up for one or several; the page shows which still need people.",
        start_date=monday,
        end_date=friday,
        start_time=dt.time(7),
        end_time=dt.time(18),
        attendance_mode=AttendanceMode.IN_PERSON,
        body=_paragraphs(
            "This is demo content: an example of how the contract action team can run "
            "visibility shifts at the worksites, with signs, flyers and a friendly word "
            "for co-workers on their way in and out.",
            "Wear your union shirt if you have one. Each shift is two hours; come to one or "
            "to as many as you can. The confirmation email has every shift for your calendar "
            "and a link to cancel one if your plans change.",
        ),
        time_zone=LOCAL_ZONE,
    )
    if not created:
        log.step(f"kept the demo shifts event {event.url_path}")
        return
    dates = weekly_dates(monday, friday, WEEKDAYS)
    for start, end, worksite, needed in SHIFTS:
        create_shifts(
            event, dates, start_time=start, end_time=end, worksite=worksite, people_needed=needed
        )
    # The demo member, and a co-worker, on a few shifts (one of them full).
    shifts = list(Shift.objects.filter(page=event).order_by("starts_at"))
    como = [s for s in shifts if s.worksite.startswith("Como")]
    riverside = [s for s in shifts if s.worksite.startswith("Riverside")]
    name = f"{pat.FIRST_NAME} {pat.LAST_NAME}"
    for shift in (como[1], riverside[3]):
        ShiftSignup.objects.create(shift=shift, name=name, email=pat.EMAIL, phone=pat.PHONE)
    for n, who in enumerate(("Morgan Ellison", "Jamie Xiong", "Avery Johnson")):
        ShiftSignup.objects.create(
            shift=riverside[0], name=who, email=f"demo-shift-{n}@example.org"
        )
    log.step(f"Local 12: {len(shifts)} demo shifts for the week of {monday:%B} {monday.day}")
