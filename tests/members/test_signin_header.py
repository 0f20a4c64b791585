"""The header's "Sign in" / "My union" + "Sign out" links, and the page cache: a signed-in
member's header is never stored for anonymous visitors, anonymous pages stay cached."""

import pytest
from django.test import Client

pytestmark = pytest.mark.clock

HIT = "X-Page-Cache"


def header(response):
    html = response.content.decode()
    return html[html.index('<header class="site-header">') : html.index("</header>")]


@pytest.fixture
def member(db, django_user_model):
    return django_user_model.objects.create_user("member-abc", email="m@example.org")


def test_anonymous_visitors_see_sign_in(client, home):
    html = header(client.get("/"))
    assert '<a class="site-account__link" href="/accounts/login/code/">Sign in</a>' in html
    assert "Sign out" not in html and "My union" not in html


def test_signed_in_members_see_my_union_and_sign_out(client, home, member):
    client.force_login(member)
    html = header(client.get("/"))
    assert 'href="/my-union/">My union</a>' in html
    assert 'action="/accounts/logout/"' in html and "Sign out" in html
    assert ">Sign in<" not in html
    response = client.post("/accounts/logout/")
    assert response.status_code == 302 and response["Location"] == "/"
    assert ">Sign in</a>" in header(client.get("/"))


def test_a_members_header_is_never_stored_and_anonymous_pages_stay_cached(
    home, member, page_cache_on
):
    anonymous = Client()
    assert anonymous.get("/").get(HIT) == "MISS"
    assert anonymous.get("/").get(HIT) == "HIT"

    signed_in = Client()
    signed_in.force_login(member)
    for _ in range(2):
        response = signed_in.get("/")
        assert response.get(HIT) is None
        assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
        assert "Sign out" in header(response)

    cached = Client().get("/")
    assert cached.get(HIT) == "HIT"
    assert ">Sign in</a>" in header(cached)
    assert "Sign out" not in cached.content.decode()
    assert "csrfmiddlewaretoken" not in cached.content.decode()
