"""Editors cannot save a time zone or weekday that does not exist; a row that has one anyway
(written before the check, or around it) still renders everywhere instead of a 500."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection

from events.models import EventPage, MeetingSeriesPage, Occurrence

from .factories import EventPageFactory, MeetingSeriesPageFactory, publish


@pytest.mark.parametrize("name", ["Fuzz", "<script>alert(1)</script>", "../../etc/passwd"])
def test_a_time_zone_that_does_not_exist_cannot_be_saved(calendar, name):
    event = EventPageFactory.build(time_zone=name)
    with pytest.raises(ValidationError) as error:
        calendar.add_child(instance=event)
    assert "time_zone" in error.value.message_dict


def test_weekdays_that_are_not_weekdays_cannot_be_saved(calendar):
    series = MeetingSeriesPageFactory.build(weekdays="1,9")
    with pytest.raises(ValidationError) as error:
        calendar.add_child(instance=series)
    assert "weekdays" in error.value.message_dict


@pytest.mark.clock
def test_a_stored_bad_time_zone_falls_back_to_the_site_zone(client, calendar, settings):
    event = publish(EventPageFactory(parent=calendar, live=False))
    series = publish(MeetingSeriesPageFactory(parent=calendar, live=False))
    EventPage.objects.filter(pk=event.pk).update(time_zone="Fuzz")
    MeetingSeriesPage.objects.filter(pk=series.pk).update(time_zone="Fuzz")
    with connection.cursor() as cursor:  # the field itself refuses to write this
        table = MeetingSeriesPage._meta.db_table
        cursor.execute(f"UPDATE {table} SET weekdays = 'x,2' WHERE page_ptr_id = %s", [series.pk])
    assert MeetingSeriesPage.objects.get(pk=series.pk).weekdays == [2]
    Occurrence.objects.update(time_zone="Fuzz")

    for url in (event.url, series.url, "/events/", "/events/calendar.ics", "/"):
        response = client.get(url)
        assert response.status_code == 200, url
    # The daily rebuild (extend_occurrences) uses the site's zone rather than failing.
    call_command("extend_occurrences")
    occurrence = Occurrence.objects.get(page_id=event.pk)
    assert occurrence.local_start.tzinfo.key == settings.TIME_ZONE
    assert occurrence.local_date == dt.date(2030, 5, 1)
