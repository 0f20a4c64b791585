"""The registration state of an entry, for its page and the calendar."""

from django.utils import timezone

from .models import Registration, RegistrationSettings


def settings_for(page, date=None):
    return RegistrationSettings.objects.filter(page_id=page.pk, date=date).first()


def open_dates(page):
    """{date: settings} of a meeting series' dates that take registrations."""
    return {
        row.date: row
        for row in RegistrationSettings.objects.filter(
            page_id=page.pk, date__isnull=False, enabled=True
        )
    }


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
