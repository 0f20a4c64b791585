"""Whose staff a user is: the owners (a local, or the International: no local) of the lists,
notices and action alerts they may see and write. Superusers are everybody's."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from locals.choices import COMMUNICATIONS_EDITORS, COMMUNICATIONS_MODERATORS
from locals.models import LocalAccess, LocalPage

from .models import MailingList

INTERNATIONAL_KEY = "international"


def owners_q(user, field="local"):
    """Q for the rows (by their `field`, a LocalPage or None) whose owner `user` is staff of."""
    if user.is_active and user.is_superuser:
        return Q()
    groups = list(user.groups.values_list("pk", flat=True))
    local_ids = LocalAccess.objects.filter(
        Q(editors_id__in=groups) | Q(moderators_id__in=groups)
    ).values_list("local_id", flat=True)
    query = Q(**{f"{field}__in": list(local_ids)})
    if user.groups.filter(name__in=[COMMUNICATIONS_EDITORS, COMMUNICATIONS_MODERATORS]).exists():
        query |= Q(**{f"{field}__isnull": True})
    return query


def is_alerts_staff(user):
    if user.is_active and user.is_superuser:
        return True
    # The staff of a local or of the International: they write action alerts, see their lists.
    return bool(owner_options(user)) or MailingList.objects.filter(owners_q(user)).exists()


def groups_of(user):
    return set(user.groups.values_list("pk", flat=True))


def owner_options(user):
    """[(key, label)] of the owners `user` may write alerts for: "international" and local ids."""
    options = []
    if (
        user.is_superuser
        or user.groups.filter(name__in=[COMMUNICATIONS_EDITORS, COMMUNICATIONS_MODERATORS]).exists()
    ):
        options.append((INTERNATIONAL_KEY, str(_("OPEIU International"))))
    locals_ = (
        LocalPage.objects.all()
        if user.is_superuser
        else LocalPage.objects.filter(
            pk__in=LocalAccess.objects.filter(
                Q(editors_id__in=groups_of(user)) | Q(moderators_id__in=groups_of(user))
            ).values("local_id")
        )
    )
    options += [(str(local.pk), local.title) for local in locals_.order_by("number", "title")]
    return options
