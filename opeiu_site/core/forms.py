"""The admin form every page type's form extends: every object the submitted page names by ID
is checked on the server against what the editing user may choose.

A chooser only offers what the user may choose; the submitted value is what counts, so the
form checks it: every foreign key (document, image, page, snippet), every reference inside a
StreamField (chooser blocks, a link block's page) and inside rich text (page and document
links, embeds), in the page's own fields and in its inline rows (InlinePanel formsets). What a
user may choose is the admin policy of the locals app, asked through the
`opeiu_refuse_reference` hook (core imports no app): each hook gets `(user, place, obj)`,
`place` being the page edited (or, for a new page, its parent), and returns None or the
reason it refuses `obj`. A page chooser limited to some page types also refuses the others.
"""

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page

REFUSE_REFERENCE_HOOK = "opeiu_refuse_reference"

MISSING = _("This item does not exist (any more): choose another.")
WRONG_PAGE_TYPE = _("Choose a page of the kind this field offers.")


def _model_field(form, name):
    try:
        return form._meta.model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def submitted_references(form):
    """(field name, model, pk) for every object the cleaned `form` names (an inline row's
    own primary key field names the row itself: not a reference)."""
    own_pk = form._meta.model._meta.pk.name
    for name, value in list(getattr(form, "cleaned_data", {}).items()):
        if name == own_pk:
            continue
        if isinstance(value, models.Model):
            if value.pk is not None:
                yield name, type(value), value.pk
            continue
        model_field = _model_field(form, name)
        if value is None or not hasattr(model_field, "extract_references"):
            continue
        for model, pk, _model_path, _content_path in model_field.extract_references(value):
            yield name, model, pk


def _resolve(model, pk):
    try:
        return model._default_manager.filter(pk=pk).first()
    except (ValueError, TypeError, ValidationError):
        return None


def _wrong_page_type(form, name, obj):
    targets = getattr(getattr(form.fields.get(name), "widget", None), "target_models", None)
    if not isinstance(obj, Page) or not targets or targets == [Page]:
        return False
    return not issubclass(obj.specific_class or Page, tuple(targets))


def refusals(user, place, obj):
    """The reasons the `opeiu_refuse_reference` hooks give for refusing `obj` (may be empty)."""
    reasons = [hook(user, place, obj) for hook in hooks.get_hooks(REFUSE_REFERENCE_HOOK)]
    return [reason for reason in reasons if reason]


def refuse_foreign_references(form, user, place):
    """Add an error to each field of `form` (and of its formsets' forms) naming an object
    `user` may not choose at `place`. Returns True if anything was refused."""
    refused = False
    for name, model, pk in list(submitted_references(form)):
        obj = _resolve(model, pk)
        if obj is None:
            reasons = [MISSING]
        elif _wrong_page_type(form, name, obj):
            reasons = [WRONG_PAGE_TYPE]
        else:
            reasons = refusals(user, place, obj)
        if reasons and name in form.cleaned_data:  # one error per field
            form.add_error(name, ValidationError(reasons[0]))
            refused = True
    for relation, formset in getattr(form, "formsets", {}).items():
        if relation == "comments":  # comments name users and content paths, not content
            continue
        for child in formset.forms:
            if not hasattr(child, "cleaned_data") or child.cleaned_data.get("DELETE"):
                continue
            refused |= refuse_foreign_references(child, user, place)
    return refused


class ReferenceCheckMixin:
    """For a page form: `is_valid()` is also false when a submitted reference is refused."""

    def reference_place(self):
        """The page whose section the references are checked for: the page, or the parent
        of a new page."""
        return self.instance if self.instance.pk else self.parent_page

    def is_valid(self):
        valid = super().is_valid()
        user = getattr(self, "for_user", None)
        if user is None or not self.is_bound:  # an unbound form (a preview's) names nothing
            return valid
        refused = refuse_foreign_references(self, user, self.reference_place())
        return valid and not refused


class BasePageForm(ReferenceCheckMixin, WagtailAdminPageForm):
    """The base form of every page type (BasePage.base_form_class)."""
