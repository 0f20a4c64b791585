"""The choices of a LocalPage, below the page classes and the directory's queries, so the
directory's filter form offers them without importing the page class. Migrations store the
values, not this class."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LocalKind(models.TextChoices):
    LOCAL = "local", _("Local")
    GUILD = "guild", _("Guild")


# The International's staff groups (locals.provisioning makes them) and its members group
# (locals.audience): the members of every local.
COMMUNICATIONS_EDITORS = "Communications editors"
COMMUNICATIONS_MODERATORS = "Communications moderators"
INTERNATIONAL_MEMBERS = "International members"
# The International's name beside a local's label ("Local 12") in the admin.
INTERNATIONAL_LABEL = "International"

# Who may create and delete a local (the "New local" view, deleting a LocalPage): a permission
# on LocalPage (Meta.permissions), held by the International's moderators group
# (locals.provisioning, granted by migration 0006), never decided by a group's name.
MANAGE_LOCALS = "manage_locals"
MANAGE_LOCALS_PERMISSION = f"locals.{MANAGE_LOCALS}"
