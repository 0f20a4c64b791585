"""A contract's dates in words, as members ask about them: "expires in 43 days"."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .choices import ContractStatus


def _days(count):
    return ngettext("%(count)d day", "%(count)d days", count) % {"count": count}


def _in(days):
    if days == 0:
        return _("today")
    if days == 1:
        return _("tomorrow")
    return _("in %(days)s") % {"days": _days(days)}


def _ago(days):
    if days == 1:
        return _("yesterday")
    return _("%(days)s ago") % {"days": _days(days)}


def _vote(contract, today):
    vote = contract.ratification_vote_date
    if vote is None:
        return _("tentative agreement, ratification vote to be announced")
    if vote >= today:
        return _("tentative agreement, ratification vote %(when)s (%(date)s)") % {
            "when": _in((vote - today).days),
            "date": date_format(vote, "DATE_FORMAT"),
        }
    return _("tentative agreement, ratification vote held %(date)s") % {
        "date": date_format(vote, "DATE_FORMAT")
    }


def contract_dates(contract, today):
    """One phrase for where the contract stands on `today` (a date)."""
    effective, expiry = contract.effective_date, contract.expiry_date
    if contract.status == ContractStatus.TENTATIVE:
        return _vote(contract, today)
    if contract.status == ContractStatus.BARGAINING:
        if expiry is not None and expiry >= today:
            return _("bargaining under way, the contract expires %(when)s") % {
                "when": _in((expiry - today).days)
            }
        return _("expired, bargaining under way")
    if effective is not None and effective > today:
        return _("ratified, takes effect %(when)s") % {"when": _in((effective - today).days)}
    if expiry is None:
        return _("in force")
    if expiry >= today:
        return _("expires %(when)s") % {"when": _in((expiry - today).days)}
    return _("expired %(when)s") % {"when": _ago((today - expiry).days)}
