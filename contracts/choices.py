"""The choices of the contract and library document pages, below everything that uses them
(the pages, the listing, the wording of dates), so none of those imports the page classes for
them. Migrations store the values, not these classes."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContractStatus(models.TextChoices):
    IN_FORCE = "in_force", _("In force")
    BARGAINING = "bargaining", _("Expired, being bargained")
    TENTATIVE = "tentative", _("Tentative agreement, out for ratification")
    RATIFIED = "ratified", _("Ratified")


class RatificationResult(models.TextChoices):
    PENDING = "", _("Not voted yet")
    RATIFIED = "ratified", _("Ratified")
    REJECTED = "rejected", _("Rejected")


class DocumentKind(models.TextChoices):
    BYLAWS = "bylaws", _("Bylaws")
    CONSTITUTION = "constitution", _("Constitution")
    MINUTES = "minutes", _("Minutes")
    AGENDA = "agenda", _("Agenda")
    REPORT = "report", _("Report")
    OTHER = "other", _("Other")
