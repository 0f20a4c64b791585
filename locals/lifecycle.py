"""A local's life cycle in one step: create a local with its index pages (news, calendar,
benefits), which provisions its groups, collection and workflow; and who may delete one.

Deleting a local is for the International's moderators (and superusers) only; what it does to
the local's groups, collection and workflow is `provisioning.deprovision_local`, and the
confirmation page says it first (`provisioning.deprovision_plan`)."""

from django.db import transaction
from django.utils.text import slugify

from benefits.models import BenefitIndexPage
from events.models import EventIndexPage
from news.models import NewsIndexPage

from .models import LocalIndexPage, LocalPage
from .provisioning import COMMUNICATIONS_MODERATORS

INDEX_PAGES = [
    (NewsIndexPage, "news", "News"),
    (EventIndexPage, "events", "Meetings and events"),
    (BenefitIndexPage, "benefits", "Benefits"),
]


def is_international_moderator(user):
    return user.is_active and (
        user.is_superuser or user.groups.filter(name=COMMUNICATIONS_MODERATORS).exists()
    )


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
