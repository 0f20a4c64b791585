import datetime as dt
from decimal import Decimal

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.forms import FormBuilder
from wagtail.contrib.forms.models import FORM_FIELD_CHOICES
from wagtail.contrib.forms.utils import get_field_clean_name

from .models import RegistrationQuestion, RegistrationSettings


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(
        label=_("Email"), max_length=254, help_text=_("Your confirmation and cancel link go here.")
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"


class SettingsForm(forms.ModelForm):
    class Meta:
        model = RegistrationSettings
        fields = ["enabled", "capacity", "deadline", "members_only"]
        widgets = {"deadline": forms.DateTimeInput(attrs={"type": "datetime-local"})}


# What the questions may be: Wagtail's form field types, less a hidden field (a registrant
# could not answer it).
QUESTION_TYPES = [(value, label) for value, label in FORM_FIELD_CHOICES if value != "hidden"]
CHOICE_TYPES = {"dropdown", "multiselect", "radio", "checkboxes"}
# A question's answers are posted as "q-<clean_name>", apart from the form's own fields.
QUESTIONS_PREFIX = "q"


class QuestionForm(forms.ModelForm):
    """Staff add a question to an entry's registration form (admin_views.questions)."""

    field_type = forms.ChoiceField(label=_("Type of answer"), choices=QUESTION_TYPES)

    class Meta:
        model = RegistrationQuestion
        fields = ["label", "field_type", "required", "choices", "help_text"]
        labels = {"label": _("Question")}
        widgets = {"choices": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, page, **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page
        self.fields["required"].initial = False

    def clean(self):
        cleaned = super().clean()
        label = cleaned.get("label")
        if label:
            name = get_field_clean_name(label)
            if not name:
                self.add_error("label", _("Write the question with letters or digits."))
            elif RegistrationQuestion.objects.filter(page=self.page, clean_name=name).exists():
                self.add_error("label", _("This form already has a question with that name."))
        if cleaned.get("field_type") in CHOICE_TYPES and not (cleaned.get("choices") or "").strip():
            self.add_error("choices", _("List the choices, one a line."))
        return cleaned


class QuestionsBuilder(FormBuilder):
    """Wagtail's form builder for the questions; free text capped like the action forms'."""

    def create_singleline_field(self, field, options):
        options["max_length"] = 255
        return super().create_singleline_field(field, options)

    def create_multiline_field(self, field, options):
        options["max_length"] = settings.ACTIONS_MAX_TEXT_LENGTH
        options["widget"] = forms.Textarea(attrs={"rows": 4})
        return super().create_multiline_field(field, options)


def questions_form(questions, data=None, **kwargs):
    """The form of the entry's questions (None without questions), its fields named
    "q-<clean_name>"."""
    questions = list(questions)
    if not questions:
        return None
    form_class = QuestionsBuilder(questions).get_form_class()
    return form_class(data, prefix=QUESTIONS_PREFIX, **kwargs)


def _plain(value):
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def answers_of(form):
    """The valid form's answers as JSON values, by the question's clean_name."""
    if form is None:
        return {}
    return {name: _plain(value) for name, value in form.cleaned_data.items()}


def answer_text(value):
    """An answer as one line of text (the staff table, the export)."""
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if value is True:
        return "yes"
    if value is False or value is None:
        return ""
    return str(value)
