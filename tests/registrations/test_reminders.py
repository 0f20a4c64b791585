"""The reminder the day before and the emails about a changed date, read from a real SMTP server,
on a frozen clock (the sweep runs in this process here; test_reminder_worker.py has the real
worker): each confirmed registrant gets one reminder about 24 h before the start, in the
event's zone, with the place, the .ics and the cancel link; nobody cancelled, waitlisted, or
registered for a cancelled date; a moved date's reminder comes before its new time. Publishing
a cancelled or moved date emails its registrants once (not subscribers: they are the alerts'),
with the feed's UID and a higher SEQUENCE; a past date sends nothing."""

import datetime as dt
import re

import icalendar
import pytest
import time_machine

from events import ical
from events.choices import AttendanceMode, Frequency, Weekday
from events.models import MeetingSeriesPage, SeriesDateChange
from registrations import services, sweep
from registrations.models import Registration, RegistrationSettings
from tests.conftest import make_home
from tests.events.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    MeetingSeriesPageFactory,
    VenueFactory,
    publish,
)
from tests.locals.helpers import build_locals_tree
from tests.smtp import calendar_part, text_part

pytestmark = pytest.mark.clock  # the clock is frozen and moved by the test itself

UTC = dt.UTC
NOW = dt.datetime(2030, 3, 4, 15, tzinfo=UTC)  # a Monday
# The event: Sunday March 10, 2030, 6 pm in Chicago, the day daylight saving time starts there.
EVENT_START = dt.datetime(2030, 3, 10, 23, tzinfo=UTC)
# The series: Tuesdays at 6:30 pm (Chicago) from February 26.
D0, D1, D2, D3 = (dt.date(2030, 2, 26), dt.date(2030, 3, 5), dt.date(2030, 3, 12),
                  dt.date(2030, 3, 19))  # fmt: skip
D1_START = dt.datetime(2030, 3, 6, 0, 30, tzinfo=UTC)  # 6:30 pm CST
D3_ORIGINAL = dt.datetime(2030, 3, 19, 23, 30, tzinfo=UTC)  # 6:30 pm CDT
D3_MOVED = dt.datetime(2030, 3, 22, 0, tzinfo=UTC)  # Thursday March 21, 7 pm CDT
HOUR = dt.timedelta(hours=1)


def build(home):
    tree = build_locals_tree(home)
    calendar = publish(EventIndexPageFactory(parent=tree.local12, slug="events"))
    hall = VenueFactory(name="Local 12 hall")
    event = publish(
        EventPageFactory(
            parent=calendar,
            title="Strike School",
            slug="strike-school",
            start_date=EVENT_START.date(),
            start_time=dt.time(18),
            end_time=dt.time(21),
            venue=hall,
        )
    )
    series = publish(
        MeetingSeriesPageFactory(
            parent=calendar,
            title="Picket captains",
            slug="picket-captains",
            frequency=Frequency.WEEKLY,
            weekdays=[Weekday.TUESDAY],
            first_date=D0,
            start_time=dt.time(18, 30),
            attendance_mode=AttendanceMode.IN_PERSON,
            venue=hall,
        )
    )
    return event, series


def register(row, name):
    email = f"{name.lower()}@example.org"
    return services.register(row.pk, name=name, email=email)[0]


def publish_changes(series, changes):
    page = MeetingSeriesPage.objects.get(pk=series.pk).get_latest_revision_as_object()
    page.date_changes = changes
    page.save_revision().publish()


def reminders_to(smtp, name):
    return [m for m in smtp.to(f"{name.lower()}@example.org") if m["Subject"].startswith("Remind")]


def sweep_at(moment):
    with time_machine.travel(moment, tick=False):
        return sweep.sweep()


def test_reminders_the_day_before_and_change_emails(
    db, client, smtp, django_capture_on_commit_callbacks
):
    with time_machine.travel(NOW, tick=False):
        event, series = build(make_home())
        event_row = RegistrationSettings.objects.create(page=event, capacity=2)
        ana, ben, cy, dan = (register(event_row, n) for n in ("Ana", "Ben", "Cy", "Dan"))
        services.cancel(ben.pk)  # Cy moves up; Dan stays on the waitlist
        rows = {d: RegistrationSettings.objects.create(page=series, date=d) for d in (D1, D2, D3)}
        past_row = RegistrationSettings.objects.create(page=series, date=D0)
        for name, date in (("Dee", D1), ("Eve", D2), ("Fay", D3)):
            register(rows[date], name)
        Registration.objects.create(settings=past_row, name="Gil", email="gil@example.org",
                                    status="confirmed")  # fmt: skip
        sequence = MeetingSeriesPage.objects.get(pk=series.pk).ical_sequence

        # One publish: D0 (past) and D2 cancelled, D3 moved to Thursday at 7 pm.
        with django_capture_on_commit_callbacks(execute=True):
            publish_changes(
                series,
                [
                    SeriesDateChange(date=D0, cancelled=True),
                    SeriesDateChange(date=D2, cancelled=True, note="Bargaining session"),
                    SeriesDateChange(
                        date=D3, new_date=dt.date(2030, 3, 21), new_start_time=dt.time(19)
                    ),
                ],
            )
    assert sorted(m["To"] for m in smtp.messages) == ["eve@example.org", "fay@example.org"]
    [to_eve] = smtp.to("eve@example.org")
    assert to_eve["Subject"] == "Cancelled: Picket captains Tue, Mar 12"
    assert "It is CANCELLED" in text_part(to_eve) and "Bargaining session" in text_part(to_eve)
    [to_fay] = smtp.to("fay@example.org")
    assert to_fay["Subject"] == "Moved: Picket captains is now Thu, Mar 21, 7:00 PM"
    fay_text = text_part(to_fay)
    assert "Now: Thursday, March 21, 2030, 7:00 PM to 8:30 PM" in fay_text
    assert "Before: Tuesday, March 19, 2030, 6:30 PM" in fay_text
    assert "Local 12 hall" in fay_text
    attached = icalendar.Calendar.from_ical(calendar_part(to_fay).get_payload(decode=True))
    [moved] = [e for e in attached.walk("VEVENT") if e.get("RECURRENCE-ID")
               and e["RECURRENCE-ID"].dt.date() == D3]  # fmt: skip
    assert str(moved["UID"]) == ical.uid(series)
    assert moved["SEQUENCE"] > sequence
    assert moved["DTSTART"].dt == D3_MOVED

    smtp.messages.clear()
    # The day before Dee's Tuesday, not yet: the sweep says when to look again.
    assert sweep_at(D1_START - 25 * HOUR) == D1_START - 24 * HOUR
    assert smtp.messages == []
    sweep_at(D1_START - 23 * HOUR)
    sweep_at(D1_START - 22 * HOUR)  # a second sweep sends nothing twice
    [to_dee] = reminders_to(smtp, "Dee")
    assert "6:30 PM" in text_part(to_dee) and "Local 12 hall" in text_part(to_dee)

    sweep_at(EVENT_START - 25 * HOUR)
    assert reminders_to(smtp, "Ana") == []
    sweep_at(EVENT_START - 23 * HOUR)
    sweep_at(EVENT_START - 2 * HOUR)
    [to_ana] = reminders_to(smtp, "Ana")
    assert len(reminders_to(smtp, "Cy")) == 1  # moved up from the waitlist: reminded too
    assert reminders_to(smtp, "Ben") == [] and reminders_to(smtp, "Dan") == []
    assert to_ana["Subject"] == "Reminder: Strike School Sun, Mar 10, 6:00 PM"
    text = text_part(to_ana)
    assert "When: Sunday, March 10, 2030, 6:00 PM to 9:00 PM (Central" in text
    assert "Where: Local 12 hall" in text
    [event_vevent] = icalendar.Calendar.from_ical(
        calendar_part(to_ana).get_payload(decode=True)
    ).walk("VEVENT")
    assert str(event_vevent["UID"]) == ical.uid(event)
    link = re.search(r"http://localhost(/register/cancel/\S+/)", text).group(1)
    assert "Cancel your registration?" in client.get(link).content.decode()

    # Eve's date is cancelled: no reminder. Fay's moved: none at the old time, one before the new.
    sweep_at(dt.datetime(2030, 3, 12, 23, 30, tzinfo=UTC) - 23 * HOUR)
    sweep_at(D3_ORIGINAL - 23 * HOUR)
    assert reminders_to(smtp, "Eve") == [] and reminders_to(smtp, "Fay") == []
    sweep_at(D3_MOVED - 23 * HOUR)
    [to_fay] = reminders_to(smtp, "Fay")
    assert "Thursday, March 21, 2030, 7:00 PM" in text_part(to_fay)
    assert reminders_to(smtp, "Gil") == []
    # Nothing is ahead any more: the chain of sweeps stops.
    assert sweep_at(D3_MOVED - 22 * HOUR) is None
    assert len(smtp.messages) == 4  # Dee, Ana, Cy, Fay: one reminder each
