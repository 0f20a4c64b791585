from django import forms
from django.utils.translation import gettext_lazy as _

from .models import RegistrationSettings


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
