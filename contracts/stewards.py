"""Find my steward: a member picks their employer, or types its name, a unit or a city, and
sees the stewards of that employer (their public contacts only) and the section's office.

ContractIndexPage hands in the employer, unit and steward models: this module imports none, so
the page module imports it without a cycle."""

from django import forms
from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _

from opeiu_site.core import cache_tags
from opeiu_site.core.listing import FilterForm, SearchWordsField
from opeiu_site.core.sections import section_of

from .queries import public_pages

MAX_EMPLOYERS_SHOWN = 20


class StewardFinderForm(FilterForm):
    employer = forms.ChoiceField(label=_("Your employer"))
    q = SearchWordsField(label=_("Or type its name, a worksite or a city"))

    def __init__(self, *args, employers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer"].choices = [("", _("Choose your employer"))] + [
            (employer.slug, employer.title) for employer in employers
        ]


class StewardFinder:
    def __init__(self, index, params, *, employer_model, unit_model, steward_model):
        self.index = index
        self.employer_model, self.unit_model = employer_model, unit_model
        self.steward_model = steward_model
        employers = public_pages(employer_model).child_of(index).order_by("title")
        self.employer_options = list(employers.only("id", "title", "slug"))
        self.form = StewardFinderForm(params, employers=self.employer_options)
        filters = self.form.cleaned_or_404()  # an unknown employer is a 404
        self.query, self.employer_slug = filters["q"], filters["employer"]
        self.searched = bool(self.query or self.employer_slug)
        self.employers = self._find(employers) if self.searched else []
        self.section = self._section(index) if self.searched else None
        cache_tags.add(*(f"page-{employer.pk}" for employer in self.employers))

    @staticmethod
    def _section(index):
        """The index's section with its own fields (its contact card): one query, the section
        itself being known from the routing query."""
        section = section_of(index)
        return type(section).objects.get(pk=section.pk)

    def _find(self, employers):
        if self.employer_slug:
            employers = employers.filter(slug=self.employer_slug)
        if self.query:
            words = Q()
            for word in self.query.split():
                words &= (
                    Q(title__icontains=word)
                    | Q(units__name__icontains=word)
                    | Q(units__worksites__icontains=word)
                    | Q(stewards__unit_or_worksite__icontains=word)
                )
            ids = employers.filter(words).values("pk")
            employers = public_pages(self.employer_model).filter(pk__in=ids).order_by("title")
        return list(
            employers.prefetch_related(
                Prefetch("units", queryset=self.unit_model.objects.order_by("sort_order")),
                Prefetch("stewards", queryset=self.steward_model.objects.order_by("sort_order")),
            )[:MAX_EMPLOYERS_SHOWN]
        )
