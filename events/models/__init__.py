from .calendar import ClosureRule, EventIndexPage
from .entries import EventPage, MeetingSeriesPage, SeriesDateChange
from .occurrence import Occurrence
from .venue import Venue

__all__ = [
    "ClosureRule",
    "EventIndexPage",
    "EventPage",
    "MeetingSeriesPage",
    "Occurrence",
    "SeriesDateChange",
    "Venue",
]
