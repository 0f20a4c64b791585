"""Pages under a view restriction (password, login) appear in no public listing.

A password-restricted Local 12 post, a login-restricted Local 12 event and series, and the
whole of Local 212 behind a login (its news and events sit under a restricted parent): none of
them may show on a home or local section, a news index, an RSS/Atom feed, a calendar page or
its .ics, the International's calendar (which aggregates the locals'), a benefit listing, the
locals directory, related posts, a promo, search or the sitemap. Their public neighbours do,
and adding the restrictions costs no extra query anywhere.
"""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from benefits.models import PromoPlacement
from tests.benefits.factories import BenefitIndexPageFactory, BenefitPageFactory, PromoFactory
from tests.events.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    MeetingSeriesPageFactory,
    publish,
)
from tests.locals.factories import LocalIndexPageFactory, LocalPageFactory
from tests.news.factories import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.clock  # reads today's date (tests/clock.py)

SECRETS = [
    "Secret strike plan",  # password-restricted Local 12 post (and a promo's link to it)
    "secret-strike-plan",
    "Secret international memo",  # password-restricted International post
    "Bargaining war room",  # login-restricted Local 12 event
    "Caucus meetings",  # login-restricted Local 12 series
    "Hidden Local 212",  # Local 212 is login-restricted: its post and event too
    "local-212",
    "Hidden 212 post",
    "Hidden 212 rally",
    "Secret discount",  # password-restricted Local 12 offer
    "Secret dek",
    "Secret summary",
    "secret-registration",
]
PUBLIC = ["Open contract news", "Open general meeting", "Open caucus", "Open discount"]


def _section(parent, **local):
    local_page = publish(LocalPageFactory(parent=parent, **local))
    news = publish(NewsIndexPageFactory(parent=local_page))
    calendar = publish(EventIndexPageFactory(parent=local_page, slug="events"))
    benefits = publish(BenefitIndexPageFactory(parent=local_page))
    return local_page, news, calendar, benefits


@pytest.fixture
def site_tree(home):
    soon = timezone.localdate() + dt.timedelta(days=20)
    news = publish(NewsIndexPageFactory(parent=home))
    publish(EventIndexPageFactory(parent=home, slug="events", include_sub_sections=True))
    publish(BenefitIndexPageFactory(parent=home))
    index = publish(LocalIndexPageFactory(parent=home))
    local12, news12, calendar12, benefits12 = _section(
        index, number=12, title="OPEIU Local 12", slug="local-12"
    )
    local212, news212, calendar212, _ = _section(
        index, number=212, title="Hidden Local 212", slug="local-212", state_province="NY"
    )
    publish(NewsPageFactory(parent=news, title="International news"))
    memo = publish(NewsPageFactory(parent=news, title="Secret international memo", date=soon))
    open_post = publish(
        NewsPageFactory(parent=news12, title="Open contract news", date=soon - dt.timedelta(40))
    )
    secret_post = publish(
        NewsPageFactory(
            parent=news12,
            title="Secret strike plan",
            dek="Secret dek",
            summary="Secret summary",
            date=soon,  # the newest post: first in every list if it leaked
        )
    )
    open_post.related_posts.create(post=secret_post)
    publish(EventPageFactory(parent=calendar12, title="Open general meeting", start_date=soon))
    secret_event = publish(
        EventPageFactory(
            parent=calendar12,
            title="Bargaining war room",
            start_date=soon,
            registration_url="https://example.org/secret-registration",
        )
    )
    publish(MeetingSeriesPageFactory(parent=calendar12, title="Open caucus", first_date=soon))
    secret_series = publish(
        MeetingSeriesPageFactory(parent=calendar12, title="Caucus meetings", first_date=soon)
    )
    publish(NewsPageFactory(parent=news212, title="Hidden 212 post", date=soon))
    publish(EventPageFactory(parent=calendar212, title="Hidden 212 rally", start_date=soon))
    publish(BenefitPageFactory(parent=benefits12, title="Open discount"))
    secret_offer = publish(BenefitPageFactory(parent=benefits12, title="Secret discount"))
    for placement in (PromoPlacement.HOME, PromoPlacement.LOCALS):
        PromoFactory(
            title="Join us",
            placement=placement,
            links=[("link", {"label": "Secret strike plan link", "page": secret_post})],
        )
    restrict = {
        secret_post: PageViewRestriction.PASSWORD,
        memo: PageViewRestriction.PASSWORD,
        secret_event: PageViewRestriction.LOGIN,
        secret_series: PageViewRestriction.LOGIN,
        local212: PageViewRestriction.LOGIN,
        secret_offer: PageViewRestriction.PASSWORD,
    }
    return {"restrict": restrict, "open_post": open_post}


def _restrict(site_tree):
    for page, kind in site_tree["restrict"].items():
        PageViewRestriction.objects.create(page=page, restriction_type=kind, password="members")


# Each public URL, and a restricted page it lists as long as no restriction is set.
PUBLIC_URLS = [
    ("/", "Secret international memo"),
    ("/", "Secret strike plan link"),
    ("/news/", "Secret international memo"),
    ("/news/rss/", "Secret international memo"),
    ("/news/atom/", "Secret international memo"),
    ("/events/", "Hidden 212 rally"),
    ("/events/?month={month}", "Bargaining war room"),
    ("/events/calendar.ics", "Caucus meetings"),
    ("/locals/", "local-212"),
    ("/locals/local-12/", "Secret strike plan"),
    ("/locals/local-12/", "Bargaining war room"),
    ("/locals/local-12/news/", "Secret dek"),
    ("/locals/local-12/news/rss/", "Secret summary"),
    ("/locals/local-12/news/atom/", "Secret strike plan"),
    ("/locals/local-12/news/open-contract-news/", "Secret strike plan"),
    ("/locals/local-12/events/", "Bargaining war room"),
    ("/locals/local-12/events/past/", None),
    ("/locals/local-12/events/?month={month}", "Bargaining war room"),
    ("/locals/local-12/events/calendar.ics", "secret-registration"),
    ("/locals/local-12/benefits/", "Secret discount"),
    ("/search/?q=secret", "Secret strike plan"),
    ("/search/?q=hidden", "Hidden 212 post"),
    ("/sitemap.xml", "secret-strike-plan"),
]


def _get(client, url):
    soon = timezone.localdate() + dt.timedelta(days=20)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url.format(month=soon.strftime("%Y-%m")))
    assert response.status_code == 200, url
    return response.content.decode(), len(queries)


def test_restricted_pages_are_in_no_public_listing(client, site_tree):
    """Every listing is read while the pages are public, then again once they are restricted.
    One tree serves all the listings (building it is most of the test's time); each problem
    found is named with its URL."""
    before = []
    for url, _listed in PUBLIC_URLS:
        _get(client, url)  # warm per-process caches (site root paths, settings)
        before.append(_get(client, url))
    _restrict(site_tree)
    problems = []
    for (url, listed), (html_before, queries_before) in zip(PUBLIC_URLS, before, strict=True):
        if listed and listed not in html_before:
            problems.append(f"{url} should list {listed!r} while it is public")
        html_after, queries_after = _get(client, url)
        problems += [f"{text!r} leaks through {url}" for text in SECRETS if text in html_after]
        problems += [
            f"{text!r} changed on {url}"
            for text in PUBLIC
            if (text in html_after) != (text in html_before)
        ]
        # Search fetches each result type: fewer results, fewer queries.
        if not url.startswith("/search/") and queries_after != queries_before:
            problems.append(f"{url}: {queries_before} queries while public, {queries_after} after")
    assert not problems, "\n".join(problems)


def test_the_restricted_pages_still_ask_for_their_password_or_login(client, site_tree):
    _restrict(site_tree)
    post = client.get("/locals/local-12/news/secret-strike-plan/")
    assert post.status_code == 200
    assert "Secret summary" not in post.content.decode()
    assert 'name="password"' in post.content.decode()
    event = client.get("/locals/local-12/events/bargaining-war-room/")
    assert event.status_code == 302 and "/login/" in event["Location"]
    feed = client.get("/locals/local-212/events/calendar.ics")
    assert feed.status_code == 302 and "/login/" in feed["Location"]


def test_a_members_only_section_still_lists_its_posts_to_members(client, site_tree):
    """A restriction the visitor has passed (the listing page's own or an ancestor's) does not
    hide anything from that page's listing: Local 212's members see its news (members-only
    means Local 212's members: the login restriction became theirs)."""
    _restrict(site_tree)
    from django.contrib.auth import get_user_model

    from locals.models import LocalPage

    member = get_user_model().objects.create_user("member", password="x" * 12)
    member.groups.add(LocalPage.objects.get(number=212).access.members)
    client.force_login(member)
    html = client.get("/locals/local-212/news/").content.decode()
    assert "Hidden 212 post" in html
    assert "Hidden 212 rally" in client.get("/locals/local-212/events/").content.decode()
    # ...but the International's listings stay public views.
    assert "Hidden 212 rally" not in client.get("/events/").content.decode()
