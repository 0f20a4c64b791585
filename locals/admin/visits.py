"""'New since your last visit': each person's previous dashboard visit, kept in DashboardVisit.

Views of the dashboard less than VISIT_GAP apart are one visit, so reloading the dashboard does
not make today's submissions "old"; a first visit counts the last FIRST_VISIT_WINDOW."""

import datetime as dt

from django.utils import timezone

from ..models import DashboardVisit

VISIT_GAP = dt.timedelta(minutes=30)
FIRST_VISIT_WINDOW = dt.timedelta(days=30)


def record_visit(user, now=None):
    """Record a dashboard view by `user`; returns the moment 'new' starts from (2 queries)."""
    now = now or timezone.now()
    visit = DashboardVisit.objects.filter(user=user).first()
    if visit is None:
        DashboardVisit.objects.create(user=user, latest=now)
        return now - FIRST_VISIT_WINDOW
    previous = visit.previous
    if now - visit.latest > VISIT_GAP:
        previous = visit.latest
    DashboardVisit.objects.filter(user=user).update(previous=previous, latest=now)
    return previous or now - FIRST_VISIT_WINDOW


def submissions_since(request):
    """The start of 'new' for this request's user, computed once per request."""
    since = getattr(request, "_opeiu_dashboard_since", None)
    if since is None:
        since = request._opeiu_dashboard_since = record_visit(request.user)
    return since
