"""The registration state of an entry, for its page and the calendar."""

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from .models import Registration, RegistrationSettings

ROWS_KEY = "registrations:rows:{}"
ROWS_SECONDS = 300


def page_rows(page):
    """Every registration row of `page` (each of its dates): the registration box, the
    "Register" link and the page's own listing share them. Kept in the cache (the calendar
    pages stay within their query budget) and dropped there when a row is saved or deleted
    (`forget_rows`, connected in apps.py)."""
    rows = getattr(page, "_registration_rows", None)
    if rows is None:
        key = ROWS_KEY.format(page.pk)
        rows = cache.get(key)
        if rows is None:
            rows = list(RegistrationSettings.objects.filter(page_id=page.pk))
            cache.set(key, rows, ROWS_SECONDS)
        page._registration_rows = rows
    return rows


def forget_rows(sender, instance, **kwargs):
    """A row changed: the next render reads the page's rows again (now, and once more after
    the commit, in case a render read the old rows in between)."""
    key = ROWS_KEY.format(instance.page_id)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))


def settings_for(page, date=None):
    return next((row for row in page_rows(page) if row.date == date), None)


def open_dates(page):
    """{date: settings} of a meeting series' dates that take registrations."""
    return {row.date: row for row in page_rows(page) if row.date is not None and row.enabled}


def state(settings, user=None):
    """What the registration box says: open or closed, places left, full (waitlist)."""
    now = timezone.now()
    left = settings.places_left()
    return {
        "settings": settings,
        "closed": settings.is_closed(now),
        "places_left": left,
        "full": left == 0,
        "waitlisted": settings.registrations.filter(status=Registration.Status.WAITLISTED).count(),
    }
