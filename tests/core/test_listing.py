"""The listing toolkit (core.listing) every public listing reads its query string with: an
absent or empty value is no filter, anything that names nothing is a 404 (never a 500, never
silently another page)."""

import pytest
from django import forms
from django.http import Http404, QueryDict
from taggit.models import Tag

from opeiu_site.core.listing import (
    FilterForm,
    SearchWordsField,
    SlugChoiceField,
    WholeNumberField,
    page_or_404,
)


class ExampleFilters(FilterForm):
    tag = SlugChoiceField(Tag.objects.all())
    year = WholeNumberField(min_value=1900, max_value=2999)
    kind = forms.ChoiceField(choices=[("", "Any kind"), ("minutes", "Minutes")])
    q = SearchWordsField()


def filters(query_string):
    return ExampleFilters(QueryDict(query_string)).cleaned_or_404()


NO_FILTER = {"tag": None, "year": None, "kind": "", "q": ""}


@pytest.mark.django_db
@pytest.mark.parametrize("query_string", ["", "tag=&year=&kind=&q=", "page=7&utm_source=mail"])
def test_absent_empty_and_unknown_parameters_are_no_filter(query_string):
    form = ExampleFilters(QueryDict(query_string))
    assert form.cleaned_or_404() == NO_FILTER
    assert not form.is_filtered


@pytest.mark.django_db
def test_values_are_cleaned_to_what_the_listing_filters_by():
    tag = Tag.objects.create(name="Bargaining", slug="bargaining")
    form = ExampleFilters(QueryDict("tag=bargaining&year=2024&kind=minutes&q=Red+CROSS!!"))
    assert form.cleaned_or_404() == {"tag": tag, "year": 2024, "kind": "minutes", "q": "red cross"}
    assert form.is_filtered


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query_string",
    [
        "tag=unknown",
        "tag=a%00b",
        "tag=%ff%fe",
        "tag=" + "x" * 101,
        "year=1899",
        "year=+2024",
        "year=%202024",
        "year=2024.0",
        "year=%D9%A2%D9%A0%D9%A2%D9%A4",  # Arabic-Indic digits: isdigit(), but not in a link
        "year=" + "9" * 5000,  # int() refuses it with ValueError: was a 500
        "kind=agenda",
        "q=red%00cross",
    ],
)
def test_values_that_name_nothing_are_not_found(query_string):
    with pytest.raises(Http404):
        filters(query_string)


@pytest.mark.django_db
def test_a_row_the_listing_already_read_spares_the_lookup(django_assert_num_queries):
    tag = Tag.objects.create(name="Bargaining", slug="bargaining")
    form = ExampleFilters(QueryDict("tag=bargaining"))
    form.fields["tag"].known = [tag]
    with django_assert_num_queries(0):
        assert form.cleaned_or_404()["tag"] is tag
    with django_assert_num_queries(1):
        assert filters("tag=bargaining")["tag"] == tag


def test_pages_are_numbered_from_one_and_an_empty_list_has_its_first_page():
    assert page_or_404(range(25), 10, "").number == 1
    assert list(page_or_404(range(25), 10, "3")) == [20, 21, 22, 23, 24]
    assert list(page_or_404([], 10, "")) == []


@pytest.mark.parametrize("raw", ["0", "-1", "+2", " 2", "abc", "1e3", "2.0", "²", "4", "9" * 5000])
def test_a_page_that_is_not_one_or_past_the_end_is_not_found(raw):
    with pytest.raises(Http404):
        page_or_404(range(25), 10, raw)
