"""The public form of an action page, and the admin form editors use to build it."""

import re

import django.forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.forms import FormBuilder, WagtailAdminFormPageForm

from opeiu_site.core.forms import ReferenceCheckMixin

from . import spam
from .choices import ActionKind

# What a phone's keyboard may fill in, by what an editor's label says (first match wins).
AUTOCOMPLETE_BY_LABEL = [
    (re.compile(r"\b(first|given)\b.*\bname\b", re.I), "given-name"),
    (re.compile(r"\b(last|family|sur)\s*name\b", re.I), "family-name"),
    (re.compile(r"\b(employer|organi[sz]ation|company)\b", re.I), "organization"),
    (re.compile(r"\bname\b", re.I), "name"),
    (re.compile(r"\b(zip|postal|post)\b", re.I), "postal-code"),
    (re.compile(r"\b(phone|mobile|cell)\b", re.I), "tel"),
]


def autocomplete_for(field):
    """The `autocomplete` token for an editor's form field, or "" (a question of its own)."""
    if field.field_type == "email":
        return "email"
    if field.field_type != "singleline":
        return ""
    return next(
        (token for pattern, token in AUTOCOMPLETE_BY_LABEL if pattern.search(field.label)), ""
    )


class ActionFormBuilder(FormBuilder):
    """Wagtail's form builder plus the fields every action form carries: a consent checkbox,
    a honeypot and the signed time the form was shown. Free text is capped in length; name,
    email, phone and postcode fields say so to the browser (`autocomplete`), so a phone fills
    them in."""

    def __init__(self, fields, consent_text=""):
        super().__init__(fields)
        self.consent_text = consent_text

    def create_multiline_field(self, field, options):
        options["max_length"] = settings.ACTIONS_MAX_TEXT_LENGTH
        return super().create_multiline_field(field, options)

    @property
    def formfields(self):
        fields = super().formfields
        for field in self.fields:
            token = autocomplete_for(field)
            if token and field.clean_name in fields:
                fields[field.clean_name].widget.attrs["autocomplete"] = token
        if self.consent_text:
            fields[spam.CONSENT_FIELD] = django.forms.BooleanField(
                label=self.consent_text, required=True
            )
        fields[spam.HONEYPOT_FIELD] = django.forms.CharField(
            label=_("Leave this field empty"),
            required=False,
            widget=django.forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )
        fields[spam.STARTED_FIELD] = django.forms.CharField(
            required=False, widget=django.forms.HiddenInput
        )
        return fields


class ActionPageForm(ReferenceCheckMixin, WagtailAdminFormPageForm):
    """Admin checks: a petition needs a goal; field labels must not take the names the
    spam defences and consent use."""

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("kind") == ActionKind.PETITION and not cleaned_data.get("goal"):
            self.add_error("goal", _("A petition needs a signature goal."))
        formset = self.formsets.get("form_fields")
        if formset is not None:
            for form in formset.forms:
                if not form.is_valid() or form.cleaned_data.get("DELETE"):
                    continue
                name = form.instance.clean_name or form.instance.get_field_clean_name()
                if name in spam.RESERVED_NAMES:
                    form.add_error(
                        "label", _("This label is reserved by the site; please reword it.")
                    )
        return cleaned_data
