"""One-tap subscription links for a calendar feed, for the apps members use on a phone.

A `webcal:` link opens Apple Calendar (and some desktop apps) but does nothing in a browser on
Android, where most members read Google Calendar; Outlook.com has its own "add from web"
address. Each link below subscribes (the app keeps fetching the feed), it does not import a
copy. Pure functions: the page hands in its feed's addresses."""

from urllib.parse import urlencode

GOOGLE = "https://calendar.google.com/calendar/render"
OUTLOOK_COM = "https://outlook.live.com/calendar/0/addfromweb"


def subscribe_links(feed_https, feed_webcal, name):
    """{"google", "outlook", "apple"}: where each button of the subscribe box points."""
    return {
        # Google takes the feed as `cid`; it accepts the webcal form for a feed it will poll.
        "google": f"{GOOGLE}?{urlencode({'cid': feed_webcal})}",
        "outlook": f"{OUTLOOK_COM}?{urlencode({'url': feed_https, 'name': name})}",
        "apple": feed_webcal,
    }
