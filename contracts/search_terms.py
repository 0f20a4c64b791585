"""The visitor's search words, cut down the way the site search does (opeiu_site/home/search.py
keeps its own copy: content apps do not import the composer)."""

import re

MAX_QUERY_LENGTH = 100
MAX_QUERY_TERMS = 10
_WORD = re.compile(r"\w+")


def clean_query(raw):
    words = _WORD.findall(raw[: MAX_QUERY_LENGTH * 4].replace("_", " "))
    return " ".join(word.lower() for word in words[:MAX_QUERY_TERMS])[:MAX_QUERY_LENGTH].strip()
