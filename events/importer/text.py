"""The text of an imported event: its DESCRIPTION made plain, and what must not be published.

A DESCRIPTION is often HTML (The Events Calendar) and, from Outlook, Zoom or Google, ends with
the online meeting's join details: the link, the meeting ID, the passcode, dial-in numbers. The
site shows the description publicly (the page, its JSON-LD, "Add to Google Calendar", the
feeds), so join details are dropped here; staff keep them in the source calendar (an online
link is only ever published when an editor ticks "show the online link publicly")."""

import html
import re

from django.utils.html import strip_tags
from django.utils.text import Truncator

MAX_LENGTH = 1000
BLOCK_END_RE = re.compile(r"<br\s*/?>|</(p|div|li|h[1-6]|tr|table|ul|ol)\s*>", re.IGNORECASE)
HIDDEN_RE = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
# <https://example.org> (Outlook's plain text links) would be eaten as a tag.
ANGLE_LINK_RE = re.compile(r"<((?:https?|mailto):[^<>\s]+)>", re.IGNORECASE)
# Where a join block starts: Teams' and Zoom's rule of underscores or dashes, or their headings.
JOIN_START_RE = re.compile(
    r"^\s*(?:[_\-=─━]{10,}|microsoft teams(?: meeting| need help)?\b|join (?:zoom|the|on|with|"
    r"microsoft|google|webex|by phone|online|from)\b.*|.*is inviting you to a scheduled zoom)",
    re.IGNORECASE,
)
# A line that carries a join detail wherever it appears.
JOIN_LINE_RE = re.compile(
    r"teams\.microsoft\.com|teams\.live\.com|zoom\.(?:us|com)/|zoomgov\.com|meet\.google\.com|"
    r"webex\.com|gotomeeting|\b(?:meeting|conference|webinar) id\b|\bpass ?code\b|\bpassword\b|"
    r"\bpin\b|dial[- ]?in|one tap mobile|\bdial by\b|find (?:a|your) local number|"
    r"\+?\d[\d ().-]{7,}\d,,|tel:",
    re.IGNORECASE,
)


def plain(description):
    """HTML or plain text as plain text: line breaks where blocks ended, no script or style
    bodies, entities decoded, <https://...> links kept."""
    text = HIDDEN_RE.sub("", description)
    text = ANGLE_LINK_RE.sub(r" \1 ", text)
    text = BLOCK_END_RE.sub("\n", text)
    text = html.unescape(strip_tags(text))
    lines = [re.sub(r"[ \t\xa0]+", " ", line).strip() for line in text.splitlines()]
    return "\n".join(lines)


def without_join_details(text):
    """(text, whether join details were dropped): everything from the start of a join block
    on, and every other line naming a meeting link, ID, passcode or dial-in, left out."""
    kept, dropped = [], False
    for line in text.splitlines():
        if JOIN_START_RE.match(line):
            dropped = True
            break
        if JOIN_LINE_RE.search(line):
            dropped = True
            continue
        kept.append(line)
    return "\n".join(kept), dropped


def public_description(description):
    """(the description to publish, whether join details were left out)."""
    text, dropped = without_join_details(plain(description))
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    return Truncator(text).chars(MAX_LENGTH), dropped
