"""Links to share a petition, shown after "Share the petition" on the thank-you page: the
apps a member shares with from a phone, each a plain link (no third-party script, nothing
loaded until it is tapped)."""

from urllib.parse import quote, urlencode

from django.utils.translation import gettext as _


def share_links(url, title):
    """[(label, href)] for sharing the page at `url` (absolute) titled `title`."""
    message = f"{title} {url}"
    return [
        (_("Email"), f"mailto:?{urlencode({'subject': title, 'body': message}, quote_via=quote)}"),
        # "sms:?&body=" is the form both Android and iOS read.
        (_("Text message"), f"sms:?&body={quote(message)}"),
        (_("WhatsApp"), f"https://wa.me/?{urlencode({'text': message})}"),
        (_("Facebook"), f"https://www.facebook.com/sharer/sharer.php?{urlencode({'u': url})}"),
        (_("X (Twitter)"), f"https://x.com/intent/post?{urlencode({'text': title, 'url': url})}"),
    ]
