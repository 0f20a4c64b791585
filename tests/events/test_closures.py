"""Office closures are rules computed for any year, with observed dates and working days."""

import datetime as dt

import pytest
from dateutil.easter import easter
from hypothesis import given
from hypothesis import strategies as st

from demo.events import closure_rules
from events import closures

D = dt.date


def test_local_12_closures_in_2026():
    found = closures.compute(closure_rules(), [2026])
    by_name = {name: day for day, name in found}
    assert by_name["New Year's Day"] == D(2026, 1, 1)
    assert by_name["Martin Luther King Jr. Day"] == D(2026, 1, 19)
    assert by_name["Good Friday"] == D(2026, 4, 3)
    assert by_name["Memorial Day"] == D(2026, 5, 25)
    assert by_name["Juneteenth"] == D(2026, 6, 19)
    assert by_name["Independence Day"] == D(2026, 7, 3)  # Saturday the 4th, observed Friday
    assert by_name["Labor Day"] == D(2026, 9, 7)
    assert by_name["Thanksgiving Day"] == D(2026, 11, 26)
    assert by_name["Day after Thanksgiving Day"] == D(2026, 11, 27)
    assert by_name["Last working day before Christmas Day"] == D(2026, 12, 24)
    assert by_name["Christmas Day"] == D(2026, 12, 25)
    assert by_name["Last working day before New Year's Day"] == D(2026, 12, 31)
    assert len(found) == 12
    assert [day for day, _ in found] == sorted(day for day, _ in found)


def test_weekend_holidays_move_and_working_days_skip_them_in_2027():
    found = closures.compute(closure_rules(), [2027])
    days = {name: day for day, name in found}
    assert days["Juneteenth"] == D(2027, 6, 18)  # Saturday -> Friday
    assert days["Independence Day"] == D(2027, 7, 5)  # Sunday -> Monday
    assert days["Christmas Day"] == D(2027, 12, 24)  # Saturday -> Friday
    # The working day before Christmas skips the observed Friday.
    assert days["Last working day before Christmas Day"] == D(2027, 12, 23)
    # New Year's Day 2028 is a Saturday, observed on Friday, December 31, 2027.
    assert (D(2027, 12, 31), "New Year's Day") in found
    assert days["Last working day before New Year's Day"] == D(2027, 12, 30)


@given(st.integers(min_value=1990, max_value=2100))
def test_rules_hold_for_any_year(year):
    found = closures.compute(closure_rules(), [year])
    days = {}
    for day, name in found:
        days.setdefault(name, day)
        assert day.year == year
    assert days["Good Friday"] == easter(year) - dt.timedelta(days=2)
    thanksgiving = days["Thanksgiving Day"]
    assert thanksgiving.weekday() == 3 and thanksgiving.month == 11 and 22 <= thanksgiving.day <= 28
    assert days["Day after Thanksgiving Day"] == thanksgiving + dt.timedelta(days=1)
    memorial = days["Memorial Day"]
    assert memorial.weekday() == 0 and memorial.month == 5 and memorial.day > 24
    for day, name in found:
        assert day.weekday() < 5, (name, day)


@pytest.mark.django_db
def test_queries_closures_reads_the_sections_calendar(home):
    from events import queries
    from tests.events.factories import EventIndexPageFactory

    page = EventIndexPageFactory(parent=home, slug="events")
    for rule in closure_rules():
        rule.page = page
        rule.save()
    assert queries.closures(home, [2026, 2027]) == closures.compute(closure_rules(), [2026, 2027])
    assert (D(2027, 11, 26), "Day after Thanksgiving Day") in queries.closures(home, [2027])


@pytest.mark.django_db
def test_closure_rules_say_which_field_is_missing(home):
    from django.core.exceptions import ValidationError

    from events.models import ClosureRule
    from tests.events.factories import EventIndexPageFactory

    page = EventIndexPageFactory(parent=home, slug="events")
    with pytest.raises(ValidationError) as error:
        ClosureRule(page=page, name="Thanksgiving", kind="nth_weekday", month=11).full_clean()
    assert set(error.value.message_dict) == {"weekday", "week"}
    with pytest.raises(ValidationError) as error:
        ClosureRule(page=page, name="Odd", kind="fixed", month=2, day=30).full_clean()
    assert "day" in error.value.message_dict
    ClosureRule(page=page, name="Good Friday", kind="easter", offset_days=-2).full_clean()
