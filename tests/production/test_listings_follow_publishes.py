"""No cached listing goes stale: for every page type the test page builder can make, in the
International's section and in a local's, a new page shows at the next request on every page
and feed that lists it, and an unpublished one is gone at the next request (issue 23, item 3).

One tree is built for the module: one page of every type in each section (so every index,
feed, calendar and composer exists and has an entry), every URL that may list a page (each
live page, its routes without arguments: feeds, calendars' past/ and .ics, "find my steward"),
the sitemap and a search for the new page's word. Each test then, with the page cache on:

1. requests every URL once, so each is stored;
2. publishes a new page of its type, every text of it a word of its own;
3. requests every URL again: a response still served from the cache (HIT) must not be one whose
   fresh render (the page cache off) shows the new page: that is a stale listing. It also
   checks that the page is listed somewhere besides its own URL, so the test cannot pass by
   finding nothing;
4. unpublishes it: no response may show it any more, and its own URL is a 404.

The oracle is the site's own fresh render, not a list of which page lists what, so a page type
or listing added later is covered without new test code."""

import pytest
from django.test import override_settings
from django.urls import URLPattern
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from opeiu_site.core.sections import section_of
from opeiu_site.home.models import HomePage
from opeiu_site.ops import page_cache
from tests.conftest import make_home
from tests.db import kept_data
from tests.locals.helpers import build_locals_tree

from .pagebuilder import CannotBuild, PageBuilder, concrete_page_models

# Pages read today's date (tests/clock.py). Slow: about five minutes for 31 cases, so it runs
# once per CI run, in the PostgreSQL phase (docs/testing.md), not in the SQLite and clock passes.
pytestmark = [pytest.mark.clock, pytest.mark.slow]

SECTIONS = ("international", "local")
NEWS_TAG = "built-tag"  # every employer's news tag and every post's tag: bargaining news


class ListedPageBuilder(PageBuilder):
    """The test page builder, with every slug field (an employer's news tag) and every
    post's tags set to one tag, so that posts show as their section's bargaining news."""

    def _field_value(self, field):
        from django.db import models

        if isinstance(field, models.SlugField):
            return NEWS_TAG
        return super()._field_value(field)

    def parent_for(self, model, _seen=()):
        """A parent in the builder's own section first (the International's contracts index,
        not Local 12's, which also sits below the home page)."""
        for parent_model in model.allowed_parent_page_models():
            if parent_model is Page:
                continue
            for parent in parent_model.objects.live().descendant_of(self.home, inclusive=True):
                if (
                    section_of(parent).pk == self.home.pk
                    and model.can_exist_under(parent)
                    and model.can_create_at(parent)
                ):
                    return parent
        return super().parent_for(model, _seen)

    def prepare(self, page):
        tags = getattr(page, "tags", None)
        if tags is not None and hasattr(tags, "add"):
            tags.add(NEWS_TAG)


def _reaches(model, target, seen=()):
    """Can a page of `model` sit below a page of `target`?"""
    if model in seen:
        return False
    parents = [m for m in model.allowed_parent_page_models() if m is not Page]
    return any(p is target or _reaches(p, target, (*seen, model)) for p in parents)


def _one_of_a_kind(model):
    """A type a site or a section has one of (the locals' directory, an officers page): not
    built beforehand, so the test's page is the first."""
    return model.max_count == 1 or model.max_count_per_parent == 1


def cases():
    from locals.models import LocalPage

    found = []
    for model in concrete_page_models():
        if model is HomePage or model.max_count == 1:
            continue  # the tree's root, the locals' directory: there is never a new one
        for section in SECTIONS:
            if section == "local" and not _reaches(model, LocalPage):
                continue
            found.append(pytest.param(model, section, id=f"{model._meta.label}-{section}"))
    return found


def route_urls(page):
    """The page's URL and those of its routes that take no argument (feeds, past/, .ics)."""
    url = page.url
    urls = [url]
    if isinstance(page, RoutablePageMixin):
        for pattern in page.get_resolver().url_patterns:
            route = str(pattern.pattern)
            if isinstance(pattern, URLPattern) and route and "<" not in route:
                urls.append(url + route.lstrip("^").rstrip("$"))
    return urls


@pytest.fixture(scope="module")
def tree(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("media")
    with override_settings(MEDIA_ROOT=str(media)), kept_data(django_db_blocker):
        with django_db_blocker.unblock():
            home = make_home()
            locals_tree = build_locals_tree(home)
            roots = {"international": home, "local": locals_tree.local12}
            for root in roots.values():
                builder = ListedPageBuilder(root, payload="Seeded page")
                for model, section in (case.values for case in cases()):
                    if roots[section] is root and not _one_of_a_kind(model):
                        try:
                            builder.build(model)
                        except CannotBuild as reason:
                            pytest.fail(f"{model._meta.label}: {reason}")
            urls = sorted(
                {
                    url
                    for page in Page.objects.live().descendant_of(home, inclusive=True).specific()
                    for url in route_urls(page)
                }
                | {"/sitemap.xml"}
            )
        yield {"roots": roots, "urls": urls, "media": media}


def fetch(client, url):
    response = client.get(url)
    return response.status_code, response.get(page_cache.HIT_HEADER), response.content.decode()


@pytest.mark.parametrize(("model", "section"), cases())
def test_a_new_page_shows_at_once_wherever_it_is_listed(
    model, section, tree, db, client, page_cache_on, settings
):
    settings.MEDIA_ROOT = tree["media"]
    word = f"Quokka{model._meta.model_name}{section}"
    urls = [*tree["urls"], f"/search/?q={word}"]
    for url in urls:
        fetch(client, url)  # stored

    builder = ListedPageBuilder(tree["roots"][section], payload=word)
    builder._counter = 1000  # slugs apart from the module's pages'
    page = builder.build(model, parent=builder.parent_for(model))
    # In the section asked for (a local's own page: below the International's directory).
    assert section_of(page.get_parent()).pk == tree["roots"][section].pk

    def shows(html):  # its title, or its address (the sitemap, a link)
        return word in html or f'{page.url}"' in html or f"{page.url}<" in html

    listed_on, stale = [], []
    for url in urls:
        status, hit, html = fetch(client, url)
        if hit == "HIT":
            settings.PAGE_CACHE_ENABLED = False
            status, _, fresh = fetch(client, url)
            settings.PAGE_CACHE_ENABLED = True
            if shows(fresh) and not shows(html):
                stale.append(url)
        elif shows(html):
            listed_on.append(url)
    assert not stale, f"{model._meta.label} published; still the cached copy without it: {stale}"
    assert "/sitemap.xml" in listed_on and f"/search/?q={word}" in listed_on, listed_on

    page.unpublish()

    showing = [url for url in listed_on if shows(fetch(client, url)[2])]
    assert not showing, f"{model._meta.label} unpublished; still shown on {showing}"
    assert fetch(client, page.url)[0] == 404
