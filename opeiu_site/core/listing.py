"""The one way a public listing reads its query string: every listing (news, calendars,
benefits, the locals directory, contracts, search) paginates with `paginate_or_404` (or
`page_or_404`, given the raw number), reads its filters with a `FilterForm` subclass (with the
fields below for slugs, whole numbers and search words) and checks slugs with `check_slug`.

The rule is the same everywhere: a value that does not name anything (a page number that is
not a positive whole number or is past the end, a slug with characters no slug has, a choice
the filter does not offer, a category or tag that does not exist) is a 404, so a shared link
either shows what it says or is not found; it is never a 500 and never silently another page.
An absent or empty value means "not filtered" (page 1 for the page number).
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.utils.translation import gettext_lazy as _

SLUG = re.compile(r"[-\w]{1,100}")
MAX_NUMBER_DIGITS = 18  # int() refuses strings past 4300 digits: a 500, not a 404

MAX_QUERY_LENGTH = 100  # characters kept from a visitor's search words
MAX_QUERY_TERMS = 10  # words kept: keeps the full-text query cheap whatever comes in
MAX_QUERY_SCAN = 20_000  # characters of a query read for its words (a regex pass: cheap)
_WORD = re.compile(r"\w+")


def check_slug(value):
    """Refuse what cannot be a slug before it reaches the database (PostgreSQL rejects NUL)."""
    if not SLUG.fullmatch(value):
        raise Http404("Not a slug")
    return value


def _whole_number(raw):
    """`raw` as an int if it is written with ASCII digits only (no sign, space or decimal)."""
    if isinstance(raw, str) and raw.isascii() and raw.isdigit() and len(raw) <= MAX_NUMBER_DIGITS:
        return int(raw)
    return None


def page_number(raw):
    """The page asked for: 1 when the parameter is absent or empty, else a positive integer."""
    if not raw:
        return 1
    number = _whole_number(raw)
    if number is None or number < 1:
        raise Http404("Not a page number")
    return number


def page_or_404(object_list, per_page, raw_number):
    """Page `raw_number` (as found in the query string) of `object_list`, or Http404.

    An empty list still has its page 1 (an empty listing is not a missing one)."""
    try:
        return Paginator(object_list, per_page).page(page_number(raw_number))
    except InvalidPage as error:
        raise Http404("No such page") from error


def paginate_or_404(request, object_list, per_page, *, param="page"):
    """The requested page of `object_list` (a Django `Page`), or Http404."""
    return page_or_404(object_list, per_page, request.GET.get(param, ""))


def _words(text):
    """The lower-case words of `text`, each once, in their first order."""
    return list(dict.fromkeys(word.lower() for word in _WORD.findall(text.replace("_", " "))))


def clean_query(raw):
    """A visitor's search words reduced to at most MAX_QUERY_TERMS different lower-case words.

    Punctuation, quotes, operators and control characters (null bytes break SQLite FTS5 and
    PostgreSQL alike) are dropped: the search backends then see plain terms only. A word
    repeated counts once ("union union" searches for "union").
    """
    query = " ".join(_words(raw[:MAX_QUERY_SCAN])[:MAX_QUERY_TERMS])
    return query[:MAX_QUERY_LENGTH].strip()


def query_was_cut(raw, query):
    """Did `clean_query` leave out words of `raw` (past MAX_QUERY_TERMS different words or
    MAX_QUERY_LENGTH characters, or past MAX_QUERY_SCAN)? The search page then says what it
    searched for."""
    if len(raw) > MAX_QUERY_SCAN:
        return True
    kept = set(query.split())
    return any(word not in kept for word in _words(raw))


class FilterForm(forms.Form):
    """A listing's filters, read from the query string (and rendered as its GET form).

    Give it `request.GET` itself (not `request.GET or None`): bound even to an empty query
    string, `cleaned_or_404()` returns every field, with its empty value when absent. Every
    field is optional (an absent filter is no filter). Parameters the form does not declare
    (the page number, utm_*...) are ignored; the page number is read by `paginate_or_404`.
    """

    def __init__(self, params, **kwargs):
        super().__init__(params, **kwargs)
        for field in self.fields.values():
            field.required = False

    def cleaned_or_404(self):
        """The cleaned filters, or Http404 if any value is not one the listing knows."""
        if not self.is_valid():
            raise Http404("Unknown filter value")
        return self.cleaned_data

    @property
    def is_filtered(self):
        """Whether any filter is set (once cleaned)."""
        return any(self.cleaned_data.values())


class SlugChoiceField(forms.ModelChoiceField):
    """A row of `queryset` named by its `slug` (a category, a tag); None when empty.

    What cannot be a slug is refused before the query. Rows in `known` (usually the choices the
    listing shows, already read) are matched first, which spares the query."""

    def __init__(self, queryset, **kwargs):
        super().__init__(queryset, to_field_name="slug", **kwargs)
        self.known = ()

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if not isinstance(value, str) or not SLUG.fullmatch(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        for row in self.known:
            if row.slug == value:
                return row
        return super().to_python(value)


class WholeNumberField(forms.IntegerField):
    """A year or a count as a link writes it: ASCII digits only, within min/max_value."""

    default_error_messages = {"invalid": _("Enter a whole number.")}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        number = _whole_number(value)
        if number is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return number


class SearchWordsField(forms.CharField):
    """Search words, cut down by `clean_query`; a control character is an invalid value."""

    def clean(self, value):
        return clean_query(super().clean(value))
