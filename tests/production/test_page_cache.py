"""Anonymous pages come from the cache, and every kind of edit shows up on the next request."""

import pytest
from wagtail.models import Page
from wagtail.snippets.models import get_snippet_models

from opeiu_site.core.models import SiteSettings
from opeiu_site.ops import invalidation, page_cache
from tests.factories import StandardPageFactory


@pytest.fixture(autouse=True)
def _cache_on(page_cache_on):
    """The suite runs with the page cache off (tests/conftest.py); these tests are about it.
    page_cache_on gives each test a key namespace of its own rather than cache.clear(): with
    CACHE_URL pointing at a shared Redis, clearing would flush everyone's keys."""


@pytest.fixture
def about(home):
    page = StandardPageFactory(parent=home, title="About us", slug="about")
    page.save_revision().publish()
    return page


def get(client, url, **extra):
    response = client.get(url, **extra)
    return response, response.get(page_cache.HIT_HEADER)


def assert_fresh_then_cached(client, url, text):
    response, state = get(client, url)
    assert response.status_code == 200
    assert state == "MISS", "an edit should make the next request render afresh"
    assert text in response.content.decode()
    response, state = get(client, url)
    assert state == "HIT"
    assert text in response.content.decode()


def test_anonymous_page_is_cached_with_public_headers(client, about):
    first, state = get(client, "/about/")
    assert state == "MISS"
    second, state = get(client, "/about/")
    assert state == "HIT"
    assert second.content == first.content
    assert second["Cache-Control"] == first["Cache-Control"]
    assert "public" in second["Cache-Control"]
    assert "max-age=60" in second["Cache-Control"]
    assert "stale-while-revalidate=" in second["Cache-Control"]
    assert "Cookie" in second["Vary"]
    assert not second.cookies
    head = client.head("/about/")
    assert head[page_cache.HIT_HEADER] == "HIT"


def test_query_strings_are_cached_separately(client, about):
    assert get(client, "/about/")[1] == "MISS"
    assert get(client, "/about/?page=2")[1] == "MISS"
    assert get(client, "/about/?page=2")[1] == "HIT"


def test_tracking_parameters_and_parameter_order_share_one_copy(client, about):
    assert get(client, "/about/?b=2&a=1")[1] == "MISS"
    for url in (
        "/about/?a=1&b=2",
        "/about/?utm_source=newsletter&b=2&utm_medium=email&a=1",
        "/about/?a=1&fbclid=XYZ&b=2&gclid=abc&mc_cid=1&mc_eid=2",
    ):
        assert get(client, url)[1] == "HIT", url
    assert get(client, "/about/?a=1&b=3")[1] == "MISS"


def test_a_hit_touches_no_database_session_or_axes(
    client, about, django_assert_num_queries, monkeypatch
):
    """A hit costs about what a static file does: no query, and the session, auth and axes
    middleware never run."""
    from axes.middleware import AxesMiddleware

    get(client, "/about/")
    axes_calls = []
    original = AxesMiddleware.__call__

    def counting(self, request):
        axes_calls.append(request.path)
        return original(self, request)

    monkeypatch.setattr(AxesMiddleware, "__call__", counting)
    with django_assert_num_queries(0):
        response, state = get(client, "/about/")
    assert state == "HIT"
    assert not hasattr(response.wsgi_request, "session")
    assert not hasattr(response.wsgi_request, "user")
    assert axes_calls == []
    get(client, "/about/?page=2")  # a miss goes all the way through
    assert axes_calls == ["/about/"]


def test_publishing_shows_at_once(client, about):
    get(client, "/about/")
    about.title = "About the union"
    about.save_revision().publish()
    assert_fresh_then_cached(client, "/about/", "About the union")


def test_unpublishing_shows_at_once(client, about):
    get(client, "/about/")
    about.unpublish()
    assert client.get("/about/").status_code == 404


def test_a_new_page_appears_in_the_menu_of_cached_pages(client, about, home):
    get(client, "/about/")
    StandardPageFactory(parent=home, title="Contact the union", slug="contact", show_in_menus=True)
    Page.objects.get(slug="contact").specific.save_revision().publish()
    assert_fresh_then_cached(client, "/about/", "Contact the union")


def test_moving_shows_at_once(client, about, home):
    target = StandardPageFactory(parent=home, title="Who we are", slug="who-we-are")
    target.save_revision().publish()
    get(client, "/about/")
    about.move(target, pos="last-child")
    old = client.get("/about/")
    # Wagtail leaves a redirect from the old address; the cached copy is gone.
    assert old.status_code == 301
    assert old["Location"] == "/who-we-are/about/"
    assert_fresh_then_cached(client, "/who-we-are/about/", "About us")


def test_deleting_shows_at_once(client, about):
    get(client, "/about/")
    about.delete()
    assert client.get("/about/").status_code == 404


def test_site_setting_edit_shows_at_once(client, about, site):
    get(client, "/about/")
    settings = SiteSettings.for_site(site)
    settings.phone = "(202) 555-0147"
    settings.save()
    assert_fresh_then_cached(client, "/about/", "(202) 555-0147")


def test_every_registered_snippet_purges_the_pages_that_show_it(client, about, home):
    """A snippet of any app (every registered one) purges what references it: a page that
    shows it (found through Wagtail's reference index), and nothing else."""
    from news.models import NewsCategory
    from tests.news.factories import NewsIndexPageFactory, NewsPageFactory

    category = NewsCategory.objects.create(name="Bargaining", slug="bargaining")
    index = NewsIndexPageFactory(parent=home)
    index.save_revision().publish()
    post = NewsPageFactory(parent=index, title="Contract ratified", category=category)
    post.save_revision().publish()
    for model in get_snippet_models():
        assert model in invalidation.connected_models(), model
    get(client, post.url)
    get(client, "/about/")
    category.name = "Contracts"
    category.save()
    assert_fresh_then_cached(client, post.url, "Contracts")
    assert get(client, "/about/")[1] == "HIT", "a page without the category stays cached"


def test_an_image_edit_purges_the_pages_that_show_it(client, about, home):
    from wagtail_factories import ImageFactory

    from tests.news.factories import NewsIndexPageFactory, NewsPageFactory

    image = ImageFactory(title="Rally", description="Members rally downtown")
    index = NewsIndexPageFactory(parent=home)
    index.save_revision().publish()
    post = NewsPageFactory(parent=index, title="Rally report", hero_image=image)
    post.save_revision().publish()
    get(client, post.url)
    get(client, "/about/")
    image.description = "Members rally at city hall"
    image.save()
    assert_fresh_then_cached(client, post.url, "Members rally at city hall")
    assert get(client, "/about/")[1] == "HIT"


def test_page_privacy_change_hides_cached_copy(client, about):
    from wagtail.models import PageViewRestriction

    get(client, "/about/")
    PageViewRestriction.objects.create(
        page=about, restriction_type=PageViewRestriction.PASSWORD, password="members-only"
    )
    response = client.get("/about/")
    assert "About us" not in response.content.decode() or "password" in response.content.decode()
    assert response.get(page_cache.HIT_HEADER) != "HIT"


def test_logged_in_users_never_get_or_fill_the_cache(client, about, django_user_model):
    get(client, "/about/")  # the anonymous copy is cached
    editor = django_user_model.objects.create_superuser("editor", "e@example.org", "x" * 16)
    client.force_login(editor)
    response, state = get(client, "/about/")
    assert state is None, "a logged-in request must bypass the cache"
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    client.logout()
    client.cookies.clear()
    assert get(client, "/about/")[1] == "HIT"


def test_admin_and_posts_are_private(client, about, django_user_model):
    response = client.get("/admin/login/")
    assert "no-store" in response["Cache-Control"]
    assert response.get(page_cache.HIT_HEADER) is None
    assert client.post("/about/").get(page_cache.HIT_HEADER) is None


@pytest.mark.urls("tests.production.urls")
def test_a_response_with_a_form_token_is_never_stored(client, home):
    for _ in range(2):
        response, state = get(client, "/test-form/")
        assert state is None
        assert "private" in response["Cache-Control"]
        client.cookies.clear()


@pytest.mark.urls("tests.production.urls")
def test_non_page_views_opt_in(client, home):
    assert get(client, "/test-listing/")[1] == "MISS"
    assert get(client, "/test-listing/")[1] == "HIT"


@pytest.mark.clock
def test_form_page_types_are_never_cached(home):
    """Any Wagtail form page type (action sign-ups, petitions) opts out by its class."""
    from wagtail.contrib.forms.models import FormMixin

    from .pagebuilder import concrete_page_models

    for model in concrete_page_models():
        assert page_cache.page_is_cacheable(model()) != issubclass(model, FormMixin)


@pytest.mark.clock
def test_public_pages_have_no_nonce_and_keep_the_strict_policy(client, home):
    """One cached body is right for every visitor: no per-response nonce anywhere, and the
    policy still forbids inline script."""
    first, _ = get(client, "/")
    second, state = get(client, "/")
    assert state == "HIT"
    assert first.content == second.content
    assert b'type="application/ld+json"' in first.content  # the Organization data block
    for response in (first, second):
        policy = response["Content-Security-Policy"]
        script_src = policy.split("script-src")[1].split(";")[0]
        assert "'self'" in script_src
        assert "unsafe-inline" not in script_src
        assert "nonce-" not in policy
        assert b"nonce=" not in response.content
    assert first["Content-Security-Policy"] == second["Content-Security-Policy"]


def test_bulk_loads_invalidate_once(client, about):
    get(client, "/about/")
    with page_cache.invalidation_paused():
        about.title = "Renamed in bulk"
        about.save_revision().publish()
        assert get(client, "/about/")[1] == "HIT"
    assert_fresh_then_cached(client, "/about/", "Renamed in bulk")
