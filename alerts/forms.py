from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Topic

HONEYPOT = "hp_website"


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("Your email"),
        max_length=254,
        help_text=_("We send one email to confirm; nothing else until you do."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    page = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    topic = forms.ChoiceField(choices=Topic.choices, widget=forms.HiddenInput)
    hp_website = forms.CharField(required=False, widget=forms.HiddenInput)
