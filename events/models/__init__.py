from .calendar import EventIndexPage
from .calendar_import import CalendarImport
from .closure_rule import ClosureRule
from .date_change import DateChangeNotice, SeriesDateChange
from .entries import EventPage, MeetingSeriesPage
from .occurrence import Occurrence
from .venue import Venue

__all__ = [
    "CalendarImport",
    "ClosureRule",
    "DateChangeNotice",
    "EventIndexPage",
    "EventPage",
    "MeetingSeriesPage",
    "Occurrence",
    "SeriesDateChange",
    "Venue",
]
