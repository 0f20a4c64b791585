"""Factories for calendars, events and series; `publish` runs Wagtail's real publish path."""

import datetime as dt

import factory
import wagtail_factories

from events.choices import AttendanceMode, Frequency, Weekday
from events.models import EventIndexPage, EventPage, MeetingSeriesPage, Venue


def publish(page):
    """Publish the page's current state the way the admin does (signals and all)."""
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


class VenueFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Union hall {n}")
    street_address = "710 Olive Street"
    locality = "Saint Paul"
    region = "MN"
    postal_code = "55130"

    class Meta:
        model = Venue


class EventIndexPageFactory(wagtail_factories.PageFactory):
    title = "Calendar"
    slug = factory.Sequence(lambda n: f"calendar-{n}")
    include_sub_sections = False

    class Meta:
        model = EventIndexPage


class EventPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Event {n}")
    start_date = dt.date(2030, 5, 1)
    start_time = dt.time(18)
    end_time = dt.time(20)
    time_zone = "America/Chicago"
    attendance_mode = AttendanceMode.IN_PERSON

    class Meta:
        model = EventPage


class MeetingSeriesPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Meetings {n}")
    frequency = Frequency.MONTHLY
    week_of_month = 1
    monthly_weekday = Weekday.WEDNESDAY
    start_time = dt.time(18)
    duration_minutes = 90
    first_date = dt.date(2025, 1, 1)
    time_zone = "America/Chicago"
    attendance_mode = AttendanceMode.ONLINE

    class Meta:
        model = MeetingSeriesPage
