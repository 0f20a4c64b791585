"""A local's life cycle in one step: create a local with its index pages (news, calendar,
benefits), which provisions its groups, collection and workflow; and who may delete one.

Creating and deleting a local is for those who hold the `locals.manage_locals` permission (the
International's moderators group, and superusers) only; what deleting does to the local's
groups, collection and workflow is `provisioning.deprovision_local`, and the confirmation page
says it first (`provisioning.deprovision_plan`)."""

from django.db import transaction
from django.utils.text import slugify

from benefits.models import BenefitIndexPage
from events.models import EventIndexPage
from news.models import NewsIndexPage

from .choices import MANAGE_LOCALS_PERMISSION
from .models import LocalIndexPage, LocalPage

INDEX_PAGES = [
    (NewsIndexPage, "news", "News"),
    (EventIndexPage, "events", "Meetings and events"),
    (BenefitIndexPage, "benefits", "Benefits"),
]


def may_manage_locals(user):
    """Whether `user` may create and delete locals: a permission, so renaming the group that
    holds it changes nothing."""
    return user.is_active and user.has_perm(MANAGE_LOCALS_PERMISSION)


@transaction.atomic
def create_local(number, kind="local", title="", publish=False, user=None, **facts):
    """Create a local under the locals directory with its news, calendar and benefits pages.
    Saving the LocalPage provisions its groups, collection and workflow (locals.signals).
    Returns the LocalPage. Raises ValueError if the number is taken or there is no directory."""

    if LocalPage.objects.filter(number=number, kind=kind).exists():
        raise ValueError(f"{kind.title()} {number} exists already.")
    index = LocalIndexPage.objects.first()
    if index is None:
        raise ValueError("There is no locals directory page to put the local under.")
    label = f"{kind.title()} {number}"
    local = LocalPage(
        number=number,
        kind=kind,
        title=title or f"OPEIU {label}",
        slug=slugify(f"{kind}-{number}"),
        live=publish,
        owner=user,
        **facts,
    )
    index.add_child(instance=local)
    _save(local, user, publish)
    for model, slug, page_title in INDEX_PAGES:
        child = model(title=page_title, slug=slug, live=publish, owner=user)
        local.add_child(instance=child)
        _save(child, user, publish)
    return local


def _save(page, user, publish):
    revision = page.save_revision(user=user, log_action=True)
    if publish:
        revision.publish(user=user)
