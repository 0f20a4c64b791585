"""Content for the dashboard tests: each local's calendar with a meeting series, an action form
with submissions, a page in its approval workflow and a draft, titled after the local so a
leak shows in the rendered HTML."""

from django.contrib.auth import get_user_model
from wagtail.contrib.forms.models import FormSubmission

from tests.actions.factories import ActionPageFactory
from tests.events.factories import EventIndexPageFactory, MeetingSeriesPageFactory, publish
from tests.factories import StandardPageFactory


def staff_user(local, role, username=None):
    username = username or f"{local.slug}-{role}"
    user, _ = get_user_model().objects.get_or_create(username=username)
    user.groups.add(getattr(local.access, role))
    return user


def add_content(local, editor, count=1, start=0):
    """`count` of each kind of item under `local`; `editor` wrote the drafts and submissions."""
    label = local.title
    calendar = local.get_children().filter(slug="events").first()
    if calendar is None:
        calendar = EventIndexPageFactory(parent=local, slug="events", title="Meetings")
        publish(calendar)
    for number in range(start, start + count):
        publish(MeetingSeriesPageFactory(parent=calendar, title=f"{label} board {number}"))
        form = ActionPageFactory(parent=local, title=f"{label} petition {number}")
        publish(form)
        FormSubmission.objects.create(page=form, form_data={"email": "member@example.org"})
        in_review = StandardPageFactory(parent=local, title=f"{label} review {number}", live=False)
        in_review.save_revision(user=editor)
        local.get_workflow().start(in_review, editor)
        draft = StandardPageFactory(parent=local, title=f"{label} draft {number}", live=False)
        draft.save_revision(user=editor)
    return calendar
