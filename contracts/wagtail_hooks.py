"""Admin hooks of the contracts app: a warning when a contract is saved as in force with no
ratification on record."""

from django.contrib import messages
from django.utils.translation import gettext as _
from wagtail import hooks

from .models import ContractPage


def warn_if_ratification_missing(request, page):
    page = page.specific_deferred if not isinstance(page, ContractPage) else page
    if isinstance(page, ContractPage) and page.ratification_missing:
        # Not an error: old contracts are often entered without their vote. But the page
        # says "In force" and members take that as ratified, so the editor is told.
        messages.warning(
            request,
            _(
                "“%(title)s” is marked %(status)s but no ratification vote that ratified it is "
                "recorded. Add the vote's date and result under Ratification."
            )
            % {"title": page.title, "status": page.get_status_display().lower()},
        )


# The same check after a contract is created and after it is edited.
hooks.register("after_create_page", warn_if_ratification_missing)
hooks.register("after_edit_page", warn_if_ratification_missing)
