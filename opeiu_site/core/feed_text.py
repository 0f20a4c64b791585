"""Text that goes into a feed (iCalendar, RSS, Atom): flattened or cleaned, never raw.

Editors' text can hold line breaks (a pasted title, an imported page) and control characters,
which XML 1.0 forbids and which iCalendar's one-line properties cannot carry: written raw they
make the whole feed a server error. `one_line` is for titles, names and places; `multi_line`
for descriptions, whose line breaks the feed writer escapes itself.
"""

import re

# C0 controls except tab, line feed and carriage return, plus DEL and the C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile(r"\r\n|[\r\n\u2028\u2029\x85]")
_SPACES = re.compile(r"\s+")


def one_line(value):
    """`value` as one line of text: every run of whitespace, line breaks and control
    characters one space."""
    return _SPACES.sub(" ", _CONTROL.sub(" ", str(value or ""))).strip()


def multi_line(value):
    """`value` with line breaks as "\\n" and control characters removed."""
    return _CONTROL.sub("", _LINE_BREAKS.sub("\n", str(value or "")))
