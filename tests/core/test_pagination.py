"""One pagination include for every public listing (templates/components/pagination.html):
its links keep the listing's filters, say where they go to a screen reader, mark the current
page, and there is no other copy of the markup in the templates."""

from pathlib import Path

from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
INCLUDE = "components/pagination.html"


def render(query_string, number, **options):
    request = RequestFactory().get(f"/news/?{query_string}")
    page_obj = Paginator(range(95), 10).page(number)
    return render_to_string(INCLUDE, {"page_obj": page_obj, **options}, request=request)


def test_links_keep_the_filters_and_name_their_page():
    html = render("tag=strike&page=2", 2, label="Pages of news", what="posts")
    assert '<nav aria-label="Pages of news">' in html
    assert (
        'href="?tag=strike&amp;page=1" rel="prev">Previous<span class="visually-hidden"> posts'
        in html
    )
    assert (
        'href="?tag=strike&amp;page=3" rel="next">Next<span class="visually-hidden"> posts' in html
    )
    assert '<span aria-current="page"><span class="visually-hidden">Page </span>2</span>' in html


def test_numbered_pages_with_gaps_and_own_words():
    page_range = Paginator(range(95), 10).get_elided_page_range(5, on_each_side=1, on_ends=1)
    html = render("page=5", 5, page_range=page_range, previous="Newer", next="Older")
    assert ">Newer<" in html and ">Older<" in html
    assert html.count('class="pagination__gap" aria-hidden="true"') == 2
    assert 'href="?page=4"><span class="visually-hidden">Page </span>4</a>' in html
    assert 'href="?page=10"' in html


def test_page_of_total_and_nothing_for_a_single_page():
    assert "Page 3 of 10" in render("", 3, show_total=True)
    request = RequestFactory().get("/")
    single = Paginator(range(5), 10).page(1)
    assert render_to_string(INCLUDE, {"page_obj": single}, request=request).strip() == ""


def test_no_template_writes_its_own_pagination():
    own = [
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.rglob("*.html")
        if 'class="pagination"' in path.read_text() and path != TEMPLATES / INCLUDE
    ]
    assert own == []
