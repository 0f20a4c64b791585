"""Contracts in templates: a contract's status badge and dates in words, a local's contracts,
documents and officers (for locals/local_page.html), a meeting's agenda and minutes (for the
events templates)."""

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opeiu_site.core import cache_tags

from .. import composers, sections
from ..models import ContractStatus, Officer, OfficerKind

register = template.Library()

BADGES = {
    ContractStatus.IN_FORCE: "badge--open",
    ContractStatus.RATIFIED: "badge--open",
    ContractStatus.TENTATIVE: "badge--warning",
    ContractStatus.BARGAINING: "badge--danger",
}


def _lapsed(contract):
    """A contract marked in force or ratified whose expiry date has passed (history)."""
    return (
        contract.status in (ContractStatus.IN_FORCE, ContractStatus.RATIFIED)
        and contract.expiry_date is not None
        and contract.expiry_date < timezone.localdate()
    )


@register.filter
def status_badge(contract):
    return "badge--muted" if _lapsed(contract) else BADGES.get(contract.status, "")


# The badge is short; the words beside it (dates_in_words) say when.
BADGE_LABELS = {
    ContractStatus.BARGAINING: gettext_lazy("Being bargained"),
    ContractStatus.TENTATIVE: gettext_lazy("Tentative agreement"),
}


@register.filter
def status_label(contract):
    if _lapsed(contract):
        return _("Expired")
    return BADGE_LABELS.get(contract.status) or contract.get_status_display()


@register.filter
def dates_in_words(contract):
    return contract.dates_in_words(timezone.localdate())


@register.inclusion_tag("contracts/includes/union_links.html")
def contracts_and_steward(section):
    """The section's contracts, steward finder and document libraries: near the top of a
    local's page, where a member on a phone finds them."""
    cache_tags.add(sections.contracts_tag(section))
    return composers.section_pages(section)


@register.inclusion_tag("contracts/includes/officers.html")
def officers_and_staff(section):
    """The section's officers and staff, further down a local's page."""
    officers_page = composers.section_pages(section)["officers"]
    people = []
    if officers_page is not None:
        cache_tags.add(f"page-{officers_page.pk}")
        people = list(Officer.objects.filter(page_id=officers_page.pk).select_related("photo"))
    return {
        "officers_page": officers_page,
        "officers": [person for person in people if person.kind == OfficerKind.OFFICER],
        "staff": [person for person in people if person.kind == OfficerKind.STAFF],
    }


@register.simple_tag
def meeting_documents_by_date(meeting):
    """{date: [agenda, minutes...]} of a meeting or series page (one query), for
    `documents_on` beside each date and `meeting_documents` below them."""
    by_date = composers.meeting_documents(meeting)
    for documents in by_date.values():
        cache_tags.add(*(f"page-{document.pk}" for document in documents))
    return by_date


@register.inclusion_tag("contracts/includes/documents_on.html")
def documents_on(by_date, day):
    """The agenda and minutes of one meeting date, next to that date (no query)."""
    return {"documents": by_date.get(day, []) if by_date else []}


@register.inclusion_tag("contracts/includes/meeting_documents.html")
def meeting_documents(by_date):
    """Every date of the meeting that has an agenda or minutes, newest first."""
    return {"by_date": sorted(by_date.items(), key=lambda item: item[0], reverse=True)}
