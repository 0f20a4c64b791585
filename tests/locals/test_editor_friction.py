"""Issue 27, items 9 and 10 (the admin part): what a WordPress user tripped on.

The login and a local's dashboard name OPEIU and the local, not Wagtail; "Dek" is "Subtitle";
the dashboard's "Change this date" links are named by their visible words first; an editor who
may not publish gets "Submit" as the main button; a slug clash is named at the top of the
form, and a never-published draft of the editor's own (Wagtail's autosave keeps one when a
post is abandoned) no longer blocks the next try. One tree for the module."""

import datetime as dt
import re
from types import SimpleNamespace

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.db import transaction
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from news.models import NewsPage
from tests.conftest import make_home
from tests.events.factories import EventIndexPageFactory, MeetingSeriesPageFactory, publish
from tests.locals.helpers import build_locals_tree, login_as_local_editor, login_as_local_moderator
from tests.news.factories import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.clock  # reads today's date (tests/clock.py)

NOW = dt.datetime(2027, 2, 20, 18, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    frozen = time_machine.travel(NOW, tick=False)
    with frozen, django_db_blocker.unblock(), transaction.atomic():
        tree = build_locals_tree(make_home())
        news = publish(NewsIndexPageFactory(parent=tree.local12))
        publish(NewsPageFactory(parent=news, title="Members ratify", slug="members-ratify"))
        calendar = publish(EventIndexPageFactory(parent=tree.local12, slug="events"))
        publish(MeetingSeriesPageFactory(parent=calendar, title="Executive Board meetings"))
        yield SimpleNamespace(tree=tree, news=news)
        transaction.set_rollback(True)


@pytest.fixture
def editor(world, db, client):
    login_as_local_editor(client, 12)
    return client


def add_post_url(world):
    return reverse("wagtailadmin_pages:add", args=("news", "newspage", world.news.pk))


def post_data(slug, **overrides):
    data = {
        "title": "Clinic staff ratify",
        "slug": slug,
        "date": "2027-02-20",
        "summary": "They voted yes.",
        "body": streamfield([("paragraph", rich_text("<p>The vote was held.</p>"))]),
        "related_posts": inline_formset([]),
        "action-submit": "submit",
    }
    return nested_form_data(data | overrides)


def test_login_says_opeiu(client, db):
    # The admin's login is the site's staff sign-in (django-allauth, members/signin_urls.py).
    response = client.get(reverse("wagtailadmin_login"), follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0].startswith("/accounts/login/")
    assert "Staff sign-in" in html and "OPEIU" in html and "Sign in to Wagtail" not in html


def test_a_locals_dashboard_counts_its_own_pages_and_names_the_local(editor, world):
    html = editor.get(reverse("wagtailadmin_home")).content.decode()
    count = Page.objects.filter(path__startswith=world.tree.local12.path).count()
    assert f"{count} pages in OPEIU Local 12" in html
    assert 'Pages <span class="w-sr-only">created in OPEIU' not in html


def test_change_this_date_links_begin_with_their_visible_words(editor, world):
    html = editor.get(reverse("wagtailadmin_home")).content.decode()
    links = re.findall(
        r"<a class=\"opeiu-act\"[^>]*>Change this date<span[^>]*>([^<]*)</span>", html
    )
    assert links and links[0] == " for Executive Board meetings, March 3"
    assert 'aria-label="Change Executive' not in html


def main_button(html):
    """The action menu's main button (rendered first; the others follow, behind the caret)."""
    html = html[html.index('<footer class="footer') :]
    buttons = {
        "publish": html.find('name="action-publish"'),
        "submit": html.find('name="action-submit"'),
        "save draft": html.find('class="button action-save'),
    }
    return min((at, name) for name, at in buttons.items() if at >= 0)[1]


def test_editor_main_button_is_submit_and_dek_is_subtitle(editor, world):
    html = editor.get(add_post_url(world)).content.decode()
    assert main_button(html) == "submit"
    label = re.search(r"<label[^>]*for=\"id_dek\"[^>]*>\s*(.*?)\s*<", html, re.S).group(1)
    assert label == "Subtitle"


def test_moderator_main_button_is_left_as_wagtail_has_it(client, world, db):
    login_as_local_moderator(client, 12)
    html = client.get(add_post_url(world)).content.decode()
    assert main_button(html) == "save draft"


def test_a_slug_clash_is_named_at_the_top(editor, world):
    response = editor.post(add_post_url(world), post_data("members-ratify"))
    assert response.status_code == 200
    html = response.content.decode()
    message = html[html.index('class="messages"') :].split("</ul>")[0]
    assert "The address “members-ratify” is already used by" in message
    assert "Members ratify" in message
    assert NewsPage.objects.filter(slug="members-ratify").count() == 1


def test_an_abandoned_draft_of_ones_own_does_not_block_the_next_try(editor, world):
    user = login_as_local_editor(editor, 12)
    abandoned = NewsPageFactory.build(title="Clinic staff ratify", slug="clinic-staff-ratify")
    abandoned.live, abandoned.owner = False, user
    world.news.add_child(instance=abandoned)
    response = editor.post(add_post_url(world), post_data("clinic-staff-ratify"))
    assert response.status_code == 302, response.content.decode()[:1500]
    new = NewsPage.objects.exclude(pk=abandoned.pk).get(title="Clinic staff ratify")
    assert new.slug == "clinic-staff-ratify-2"
    [warning] = [
        str(m) for m in get_messages(response.wsgi_request) if "unfinished draft" in str(m)
    ]
    assert "“clinic-staff-ratify”" in warning and "“clinic-staff-ratify-2”" in warning
