"""A member's personal calendar feed: one private URL merging their locals' calendars.

Built with the events app's own feed code (events.ical.build_calendar): the same VEVENTs as the
public feeds (one per series with its per-date changes as RECURRENCE-ID overrides, the
VTIMEZONE of each zone used, office closures as all-day events) and the same UIDs, so an entry
a member also has from a local's public feed is the same event in their calendar app, not a
second one. Members-only meetings of their locals are in it too (the URL is the member's key).

Calendar apps fetch the URL without a session: the token in it is the only credential. It is
never cached by anyone but the member's own client (Cache-Control: private, no-store), and
resetting it (PersonalFeed.reset) makes the old URL a 404 at once.
"""

from django.http import Http404
from django.urls import reverse
from wagtail import hooks

from events import ical

from .models import Membership, PersonalFeed
from .my_union import feed_entries

PRIVATE = "private, no-store, max-age=0"
PERSONAL_FEED_HOOK = "personal_feed_entries"


def feed_of(user):
    """The user's feed (created on first use)."""
    return PersonalFeed.objects.get_or_create(user=user)[0]


def feed_urls(request, feed):
    """(https, webcal) URLs of a feed."""
    https = request.build_absolute_uri(reverse("members:feed", args=[feed.token]))
    return https, "webcal://" + https.split("://", 1)[1]


def feed_for_token(token):
    """The active user's feed whose token this is, or 404."""
    feed = (
        PersonalFeed.objects.filter(token=token, user__is_active=True)
        .select_related("user")
        .first()
    )
    if feed is None or not token:
        raise Http404("No such calendar.")
    return feed


def calendar_body(request, user):
    locals_ = [
        m.local
        for m in Membership.objects.filter(user=user)
        .select_related("local")
        .order_by("local__number")
    ]
    events, series, calendars = feed_entries(user, locals_)
    # What other apps add for this person (registrations: what they registered for, in any
    # local), through a hook: members imports none of them. Each takes and returns the lists.
    for add_entries in hooks.get_hooks(PERSONAL_FEED_HOOK):
        events, series = add_entries(user, events, series)
    url_for = ical.absolute_urls(request)
    closures = []
    years = ical.closure_years()
    for calendar in calendars:
        if calendar.closures_in_feed:
            closures += ical.closure_components(
                calendar, calendar.closure_rules.all(), years, url_for(calendar)
            )
    labels = ", ".join(local.label for local in locals_)
    name = f"My union: {labels}" if labels else "My union"
    return ical.build_calendar(name, events, series, url_for=url_for, extra=closures)


def feed_response(request, token):
    feed = feed_for_token(token)
    response = ical.feed_response(calendar_body(request, feed.user), "my-union.ics")
    response["Cache-Control"] = PRIVATE
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
