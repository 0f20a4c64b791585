"""Lists and subscriptions: finding a page's list, subscribing (double opt-in), confirming,
unsubscribing, and what a signed-in member is subscribed to (for "My union")."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.models import Page

from events.models import MeetingSeriesPage

from .models import MailingList, Subscription, Topic

INTERNATIONAL = "OPEIU International"


def _owner(page):
    from .meeting_changes import owner_local

    return owner_local(page)


def list_for(page, topic):
    """The list a subscribe form on `page` is for (made on first use), or None when `page`
    cannot have one (a series topic on a page that is not a live series)."""
    page = page.specific
    local = _owner(page)
    owner_name = local.title if local else INTERNATIONAL
    series = None
    if topic == Topic.SERIES:
        if not isinstance(page, MeetingSeriesPage) or not page.live:
            return None
        series = page
        name = f"{page.title} ({owner_name}): meeting changes"
    elif topic == Topic.MEETINGS:
        name = f"{owner_name}: meeting changes"
    elif topic == Topic.NEWS:
        name = f"{owner_name}: news"
    elif topic == Topic.ACTIONS:
        name = f"{owner_name}: action alerts"
    else:
        return None
    found = MailingList.objects.filter(local=local, topic=topic, series=series).first()
    if found is None:
        found = MailingList.objects.create(local=local, topic=topic, series=series, name=name)
    return found


def page_for_form(page_id):
    return Page.objects.live().public().filter(pk=page_id).first()


def subscribe(mailing_list, email, consent, user=None, confirmed=False):
    """(subscription, needs_confirmation). An address already confirmed stays so; one that had
    unsubscribed must confirm again. `confirmed` is for a signed-in member whose address is
    verified (My union) and for imported sign-ups that gave their consent."""
    email = email.strip().lower()
    now = timezone.now()
    try:
        with transaction.atomic():
            subscription, _created = Subscription.objects.get_or_create(
                mailing_list=mailing_list, email=email, defaults={"consent": consent, "user": user}
            )
    except IntegrityError:  # two requests at once: the other one made it
        subscription = Subscription.objects.get(mailing_list=mailing_list, email=email)
    if subscription.status == Subscription.CONFIRMED:
        return subscription, False
    subscription.consent = consent
    if user is not None:
        subscription.user = user
    if confirmed:
        subscription.status = Subscription.CONFIRMED
        subscription.confirmed_at = now
    else:
        subscription.status = Subscription.PENDING
    subscription.unsubscribed_at = None
    subscription.save()
    return subscription, not confirmed


def confirm(subscription):
    if subscription.status != Subscription.CONFIRMED:
        subscription.status = Subscription.CONFIRMED
        subscription.confirmed_at = timezone.now()
        subscription.unsubscribed_at = None
        subscription.save(update_fields=["status", "confirmed_at", "unsubscribed_at"])


def unsubscribe(subscription):
    if subscription.status != Subscription.UNSUBSCRIBED:
        subscription.status = Subscription.UNSUBSCRIBED
        subscription.unsubscribed_at = timezone.now()
        subscription.save(update_fields=["status", "unsubscribed_at"])


def member_locals(user):
    from members.models import Membership

    return Membership.objects.filter(user=user).values("local_id")


def subscriptions_for(user):
    """What "My union" shows a signed-in member: [(list, subscription or None)] for the lists
    of the locals they are a member of, the International's lists (not a series'), and any
    list their address is subscribed to. A member manages them without confirming again when
    their address is verified (alerts.my_lists)."""
    email = (getattr(user, "email", "") or "").strip().lower()
    if not email:
        return []
    mine = {
        s.mailing_list_id: s
        for s in Subscription.objects.filter(email=email).select_related("mailing_list")
    }
    lists = (
        MailingList.objects.filter(pk__in=mine)
        | MailingList.objects.filter(local__isnull=True, series__isnull=True)
        | MailingList.objects.filter(local_id__in=member_locals(user))
    )
    lists = lists.distinct().select_related("local").order_by("local__number", "topic", "name")
    return [(mailing_list, mine.get(mailing_list.pk)) for mailing_list in lists]
