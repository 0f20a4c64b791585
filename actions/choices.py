"""Choices of the action pages, apart from the models so that their admin form can use them
(actions/models.py imports actions/forms.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ActionKind(models.TextChoices):
    SIGN_UP = "sign-up", _("Sign-up")
    PETITION = "petition", _("Petition")
    ORGANIZER = "organizer", _("Talk to an organizer")
