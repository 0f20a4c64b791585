"""An offer's window as filters, and the status of a list of offers: what the offers' queries
(benefits.models.BenefitPageQuerySet) and the pages share. Every helper takes `now` so tests
can freeze the clock; left as None it is this moment, compared inside the SQL, so a closed
offer drops out on the next request without anyone touching it."""

from django.db.models import Q
from django.utils import timezone


def now_or(now):
    return now if now is not None else timezone.now()


def not_closed(now):
    return Q(closes_at__isnull=True) | Q(closes_at__gt=now)


def opened(now):
    return Q(opens_at__isnull=True) | Q(opens_at__lte=now)


def with_status(offers, now=None):
    """Evaluate `offers` and set `offer.state` ("open", "ends-soon", "upcoming", "closed")."""
    now = now_or(now)
    offers = list(offers)
    for offer in offers:
        offer.state = offer.status(now)
    return offers
