"""Whose admin is this: the sections (the International and/or locals) a person works on.

A local's staff belong to its provisioned editors or moderators group (`LocalAccess`); the
International's staff belong to the Communications groups, and superusers see everything. Every
dashboard panel filters its rows with `scope.page_filter()` (a path prefix per section), so a
local's staff never see another local's pages, and the cost is a constant number of queries.
"""

from dataclasses import dataclass, field

from django.db.models import Q

from opeiu_site.core.sections import international_roots

from ..choices import COMMUNICATIONS_EDITORS, COMMUNICATIONS_MODERATORS, INTERNATIONAL_LABEL
from ..models import LocalAccess, LocalPage


@dataclass
class Section:
    """One section root the person works on, with what the dashboard needs to know of it."""

    page_id: int
    path: str
    label: str
    title: str
    url_path: str
    moderates: bool
    is_local: bool = True


@dataclass
class StaffScope:
    user: object
    international: bool = False
    international_moderator: bool = False
    sections: list = field(default_factory=list)  # the Sections the person works on
    _all_locals: list = field(default_factory=list)  # every local, for grouping (International)

    @property
    def is_staff(self):
        return self.international or bool(self.sections)

    def page_filter(self, prefix=""):
        """A Q matching pages (or rows with a `<prefix>path`) inside the person's sections."""
        query = Q(pk__in=[])
        for section in self.sections:
            query |= Q(**{f"{prefix}path__startswith": section.path})
        return query

    def section_for(self, path):
        """The section a page path belongs to (the deepest section root above it), or None."""
        candidates = self._all_locals if self.international else self.sections
        best = None
        for section in candidates:
            deeper = best is None or len(section.path) > len(best.path)
            if path.startswith(section.path) and deeper:
                best = section
        if best is None and self.international:
            return self.sections[0] if self.sections else None
        return best

    @property
    def moderates_any(self):
        return self.user.is_superuser or any(section.moderates for section in self.sections)


def _local_section(local, moderates):
    return Section(
        page_id=local.pk,
        path=local.path,
        label=local.label,
        title=local.title,
        url_path=local.url_path,
        moderates=moderates,
    )


def staff_scope(user):
    """The StaffScope of `user`: three queries, however many locals there are."""
    scope = StaffScope(user=user)
    if not user.is_authenticated:
        return scope
    groups = dict(user.groups.values_list("id", "name"))
    names = set(groups.values())
    scope.international_moderator = user.is_superuser or COMMUNICATIONS_MODERATORS in names
    scope.international = scope.international_moderator or COMMUNICATIONS_EDITORS in names
    if scope.international:
        homes = international_roots()
        home = homes.only("id", "path", "title", "url_path").first() if homes is not None else None
        if home is not None:
            scope.sections.append(
                Section(
                    page_id=home.pk,
                    path=home.path,
                    label=INTERNATIONAL_LABEL,
                    title=home.title,
                    url_path=home.url_path,
                    moderates=scope.international_moderator,
                    is_local=False,
                )
            )
        locals_ = LocalPage.objects.only("id", "path", "title", "url_path", "number", "kind")
        scope._all_locals = [
            _local_section(local, scope.international_moderator)
            for local in locals_.order_by("number", "kind")
        ]
        return scope
    accesses = (
        LocalAccess.objects.filter(Q(editors_id__in=groups) | Q(moderators_id__in=groups))
        .select_related("local")
        .only(
            "editors_id",
            "moderators_id",
            "local__id",
            "local__path",
            "local__title",
            "local__url_path",
            "local__number",
            "local__kind",
        )
        .order_by("local__number")
    )
    scope.sections = [
        _local_section(access.local, access.moderators_id in groups) for access in accesses
    ]
    return scope


def scope_for_request(request):
    """The scope of the request's user, computed once per request."""
    scope = getattr(request, "_opeiu_staff_scope", None)
    if scope is None:
        scope = request._opeiu_staff_scope = staff_scope(request.user)
    return scope
