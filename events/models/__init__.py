from .calendar import ClosureRule, EventIndexPage
from .entries import DateChangeNotice, EventPage, MeetingSeriesPage, SeriesDateChange
from .occurrence import Occurrence
from .venue import Venue

__all__ = [
    "ClosureRule",
    "DateChangeNotice",
    "EventIndexPage",
    "EventPage",
    "MeetingSeriesPage",
    "Occurrence",
    "SeriesDateChange",
    "Venue",
]
