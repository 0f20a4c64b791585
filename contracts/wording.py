"""A contract's dates in words, as members ask about them: "expires in 43 days", "ended 3 years
ago". Shown beside the status badge, so the words never repeat the status ("Expired" beside
"expired 1157 days ago"): they say only when."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from opeiu_site.core.templatetags.date_tags import short_date

from .choices import ContractStatus

# Up to this many days ahead a member counts days ("expires in 43 days"); further off, or in
# the past, a plainer unit reads better than a count ("ended 3 years ago").
COUNT_DAYS_AHEAD = 90


def _span(days):
    """A length of time in the plainest unit: 9 days, 5 weeks, 7 months, 3 years."""
    if days < 14:
        return ngettext("%(count)d day", "%(count)d days", days) % {"count": days}
    if days < 60:
        weeks = days // 7
        return ngettext("%(count)d week", "%(count)d weeks", weeks) % {"count": weeks}
    if days < 730:
        months = round(days / 30.44)
        return ngettext("%(count)d month", "%(count)d months", months) % {"count": months}
    years = int(days // 365.25)
    return ngettext("%(count)d year", "%(count)d years", years) % {"count": years}


def _in(days):
    if days == 0:
        return _("today")
    if days == 1:
        return _("tomorrow")
    if days < COUNT_DAYS_AHEAD:
        return ngettext("in %(count)d day", "in %(count)d days", days) % {"count": days}
    return _("in %(span)s") % {"span": _span(days)}


def _ago(days):
    if days == 0:
        return _("today")
    if days == 1:
        return _("yesterday")
    return _("%(span)s ago") % {"span": _span(days)}


def _vote(contract, today):
    vote = contract.ratification_vote_date
    if vote is None:
        return _("ratification vote to be announced")
    if vote >= today:
        return _("ratification vote %(when)s (%(date)s)") % {
            "when": _in((vote - today).days),
            "date": short_date(vote),
        }
    return _("ratification vote held %(date)s") % {"date": short_date(vote)}


def contract_dates(contract, today):
    """When, for the contract on `today` (a date), in words that leave the status to the
    badge beside them; "" when there is nothing to add (in force, no expiry)."""
    effective, expiry = contract.effective_date, contract.expiry_date
    if contract.status == ContractStatus.TENTATIVE:
        return _vote(contract, today)
    if contract.status == ContractStatus.BARGAINING:
        if expiry is None:
            return ""
        if expiry >= today:
            return _("the contract expires %(when)s") % {"when": _in((expiry - today).days)}
        return _("the contract ended %(when)s") % {"when": _ago((today - expiry).days)}
    if effective is not None and effective > today:
        return _("takes effect %(when)s") % {"when": _in((effective - today).days)}
    if expiry is None:
        return ""
    if expiry >= today:
        return _("expires %(when)s") % {"when": _in((expiry - today).days)}
    return _("ended %(when)s") % {"when": _ago((today - expiry).days)}
