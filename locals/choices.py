"""The choices of a LocalPage, below the page classes and the directory's queries, so the
directory's filter form offers them without importing the page class. Migrations store the
values, not this class."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LocalKind(models.TextChoices):
    LOCAL = "local", _("Local")
    GUILD = "guild", _("Guild")


# The International's staff groups (locals.provisioning makes them).
COMMUNICATIONS_EDITORS = "Communications editors"
COMMUNICATIONS_MODERATORS = "Communications moderators"
