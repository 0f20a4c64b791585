"""Fuzz every live public page's query string, and every public form, on a small site with one
page of each type: never a 500. Bounded by hypothesis' example counts (about 20 s)."""

import time
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.contrib.forms.models import FormMixin
from wagtail.models import Page

from .pagebuilder import CannotBuild, PageBuilder, concrete_page_models

pytestmark = pytest.mark.clock  # reads today's date (tests/clock.py)

# Parameter names listings and feeds commonly read, plus whatever hypothesis invents.
KNOWN_KEYS = [
    "page", "p", "q", "query", "tag", "category", "year", "month", "day", "date", "from",
    "to", "format", "view", "type", "filter", "state", "local", "order", "ordering", "limit",
    "offset", "mode", "status", "lang", "utm_source",
]  # fmt: skip
NASTY_VALUES = [
    "", "0", "-1", "1e309", "99999999999999999999", "NaN", "null", "[]", "%", "%00", "\x00",
    "../../etc/passwd", "<script>", "' OR 1=1 --", "2026-02-30", "2026-13", "１２", "ü" * 300,
]  # fmt: skip

keys = st.one_of(st.sampled_from(KNOWN_KEYS), st.text(min_size=1, max_size=12))
values = st.one_of(st.sampled_from(NASTY_VALUES), st.text(max_size=40), st.integers().map(str))
queries = st.lists(st.tuples(keys, values), max_size=4)
raw_queries = st.text(alphabet="a=&%;?+#[]0123456789zZ.", max_size=30)


@pytest.fixture
def public_urls(home):
    builder = PageBuilder(home, payload="Fuzz")
    for model in concrete_page_models():
        if not model.objects.live().exists():
            try:
                builder.build(model)
            except CannotBuild as reason:
                pytest.fail(f"{model._meta.label} cannot be built for fuzzing: {reason}")
    urls = [page.url for page in Page.objects.live().public().exclude(depth=1).specific()]
    urls = sorted({url for url in urls if url})
    if "/search/" not in urls:
        urls.append("/search/")  # the site search, once it exists (a 404 until then is fine)
    return urls


@pytest.mark.slow
def test_query_strings_never_cause_a_server_error(client, public_urls):
    @settings(
        max_examples=120,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(url=st.sampled_from(public_urls), query=queries, raw=raw_queries)
    def check(url, query, raw):
        for query_string in (urlencode(query), raw):
            response = client.get(f"{url}?{query_string}")
            assert response.status_code < 500, f"{url}?{query_string}"

    check()


def _human_fields():
    """What a person's browser sends besides the answers, when the form has spam defences
    (actions.spam): an empty honeypot and a start stamp older than the minimum time, so the
    fuzzed answers reach the form's own validation instead of the bot filter."""
    try:
        from actions import spam
    except ImportError:
        return {}
    started = spam.issue_started_token(now=time.time() - spam.min_seconds() - 30)
    return {spam.HONEYPOT_FIELD: "", spam.STARTED_FIELD: started}


def _check_form(client, page, names):
    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
    @given(data=st.dictionaries(st.sampled_from(names or ["x"]), values, max_size=6))
    def check(data):
        response = client.post(page.url, {**_human_fields(), **data})
        assert response.status_code < 500, f"POST {page.url} {data!r}"

    check()


@pytest.fixture
def no_rate_limit(settings):
    # Every example is a submission from the same client address.
    settings.ACTIONS_RATE_LIMIT = (10_000, 600)


@pytest.mark.slow
def test_public_forms_never_cause_a_server_error(client, home, public_urls, no_rate_limit):
    form_pages = [
        page for page in Page.objects.live().public().specific() if isinstance(page, FormMixin)
    ]
    assert form_pages, "the site has form page types: the builder should have made one"
    for page in form_pages:
        _check_form(client, page, [field.clean_name for field in page.get_form_fields()])
