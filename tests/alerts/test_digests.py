"""The weekly digest: a local's news subscribers get the posts new since the last digest, the
next meetings and the office closures of the coming two weeks; a week with no new post sends
nothing; running the week's digests again queues nothing more; the weekly task waits in the
queue for next Monday 8:00 (once, however often it is ensured)."""

import datetime as dt

import pytest
from django.utils import timezone

from alerts import digests
from alerts.models import MailingList, Notice, Subscription, Topic
from alerts.render import render_notice
from events.choices import ClosureKind
from events.models import ClosureRule
from tests.conftest import make_home
from tests.db import kept_data
from tests.events.factories import publish
from tests.news.factories import NewsIndexPageFactory, NewsPageFactory

from .helpers import MEMBERSHIP, build_world

pytestmark = pytest.mark.clock


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with kept_data(django_db_blocker), django_db_blocker.unblock():
        world = build_world(make_home())
        local12, local212 = world.tree.local12, world.tree.local212
        closed = timezone.localdate() + dt.timedelta(days=5)
        ClosureRule.objects.create(page=world.calendar, name="Zephyr Day", kind=ClosureKind.FIXED,
                                   month=closed.month, day=closed.day)  # fmt: skip
        publish(world.calendar)
        world.index = publish(NewsIndexPageFactory(parent=local12, slug="news"))
        publish(NewsPageFactory(parent=world.index, title="Contract ratified"))
        for local in (local12, local212):
            news = MailingList.objects.create(local=local, topic=Topic.NEWS,
                                              name=f"{local.title}: news")  # fmt: skip
            Subscription.objects.create(mailing_list=news, email=f"reader-{local.pk}@example.org",
                                        status=Subscription.CONFIRMED)  # fmt: skip
        yield world


def test_a_locals_digest_has_its_new_posts_meetings_and_closures_once_a_week(world, db):
    [notice] = digests.send_digests()
    assert notice.local_id == world.tree.local12.pk and notice.kind == Notice.DIGEST
    render_notice(notice)
    assert "Contract ratified" in notice.text and MEMBERSHIP in notice.text
    assert "Zephyr Day" in notice.text and "Zephyr Day" in notice.html
    assert "6:00 PM C" in notice.text  # the meeting in its own zone (Chicago), not the site's
    assert notice.subject.endswith("this week")
    # The same week again (a second worker, a restart): nothing more.
    assert digests.send_digests() == []
    # Next week, nothing new: nothing sent.
    assert digests.send_digests(now=timezone.now() + dt.timedelta(days=7)) == []


def test_a_new_post_after_the_last_digest_makes_next_weeks(world, db):
    digests.send_digests()
    publish(NewsPageFactory(parent=world.index, title="Strike vote scheduled"))
    [notice] = digests.send_digests(now=timezone.now() + dt.timedelta(days=7))
    titles = [post["title"] for post in notice.data["posts"]]
    assert titles == ["Strike vote scheduled"]


def test_the_weekly_task_waits_for_next_monday_once(world, db, settings):
    settings.TASKS = {**settings.TASKS, "worker": {"BACKEND": "django_tasks_db.DatabaseBackend",
                                                   "QUEUES": ["default"]}}  # fmt: skip
    from django_tasks_db.models import DBTaskResult

    at = digests.ensure_scheduled()
    assert at.weekday() == 0 and at.hour == 8 and at > timezone.now()
    assert at - timezone.now() <= dt.timedelta(days=7)
    assert digests.ensure_scheduled() is None
    assert (
        DBTaskResult.objects.filter(task_path=digests.weekly_digests_task.module_path).count() == 1
    )
