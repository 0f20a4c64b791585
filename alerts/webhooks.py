"""django-anymail's webhooks: a provider reports bounces and complaints (tracking), and the
List-Unsubscribe mailto reaches us as an inbound email (inbound). Mounted at
/alerts/webhooks/<provider>/tracking/ and .../inbound/ (anymail's own URL names), and answered
only when ANYMAIL["WEBHOOK_SECRET"] is set: anymail checks that basic-auth secret on every
call, and the provider's own signature where it has one (Mailgun, SendGrid, Postmark's basic
auth, Amazon SNS's signed messages...). Without a secret, the webhooks are a 404, never an
open door that would let anyone suppress an address.

- A bounce the provider gave up on (anymail "bounced"), a complaint ("complained"), a
  provider-side unsubscribe or a rejection of an invalid address suppresses the address for
  every list and marks the delivery bounced.
- An inbound email whose subject is "unsubscribe <token>" unsubscribes that subscription.
"""

import logging

from django.conf import settings
from django.http import Http404

from .models import Delivery, Subscription, Suppression

logger = logging.getLogger(__name__)

SUPPRESSING_EVENTS = {"bounced", "complained", "unsubscribed"}


def require_secret(view):
    def wrapped(request, *args, **kwargs):
        if not (getattr(settings, "ANYMAIL", None) or {}).get("WEBHOOK_SECRET"):
            raise Http404
        return view(request, *args, **kwargs)

    wrapped.csrf_exempt = True
    return wrapped


def _suppresses(event):
    if event.event_type in SUPPRESSING_EVENTS:
        return True
    # The provider refused to send to an address it knows is bad (not a block on our side).
    return event.event_type == "rejected" and event.reject_reason in ("invalid", "bounced")


def on_tracking(sender, event, esp_name, **kwargs):
    """A temporary problem ("deferred") changes nothing: the provider retries."""
    if not event.recipient or not _suppresses(event):
        return
    email = event.recipient.strip().lower()
    Suppression.objects.get_or_create(
        email=email,
        defaults={"reason": event.event_type, "detail": f"{esp_name}: {event.description or ''}"},
    )
    delivery_id = str((event.metadata or {}).get("delivery", ""))
    if delivery_id.isdigit():
        Delivery.objects.filter(pk=int(delivery_id), email=email).update(
            status=Delivery.BOUNCED,
            error=f"{esp_name} {event.event_type}: {event.mta_response or ''}",
        )
    logger.info("alerts: %s reported %s for a recipient", esp_name, event.event_type)


def on_inbound(sender, event, esp_name, **kwargs):
    subject = (getattr(event.message, "subject", "") or "").split()
    if len(subject) == 2 and subject[0].lower() == "unsubscribe":
        from .subscriptions import unsubscribe

        subscription = Subscription.objects.filter(token=subject[1]).first()
        if subscription is not None:
            unsubscribe(subscription)


def connect():
    from anymail.signals import inbound, tracking

    tracking.connect(on_tracking, dispatch_uid="alerts_tracking")
    inbound.connect(on_inbound, dispatch_uid="alerts_inbound")
