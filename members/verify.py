"""Asking to be verified: a member whose email is not on the roster gives their member number,
last name and ZIP code; the local's staff review the request in the admin (the roster helper's
review view calls `approve` / `refuse`).

The form is public and its answer is the same whatever was typed ("if the details match, the
local's staff will review it"): it tells nobody whether a member number exists. It is limited
per client address and per email (settings.ACCOUNT_RATE_LIMITS["verification_request"]).
"""

from allauth.core import ratelimit
from django import forms
from django.contrib.auth import get_user_model
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from locals.models import LocalPage

from .membership import grant, normalize_email
from .models import MembershipSource, VerificationRequest, VerificationStatus
from .signin import create_member_account

RATE_LIMIT_ACTION = "verification_request"


class LocalChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.label}, {obj.city}" if obj.city else obj.label


class VerificationForm(forms.Form):
    local = LocalChoiceField(
        label=_("Your local"),
        queryset=LocalPage.objects.none(),
        empty_label=_("Choose your local"),
    )
    email = forms.EmailField(
        label=_("Your email address"),
        max_length=254,
        help_text=_("Where you want to receive sign-in codes."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    member_number = forms.CharField(label=_("Member number"), max_length=64)
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    postal_code = forms.CharField(
        label=_("ZIP or postal code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.fields["local"].queryset = LocalPage.objects.live().order_by("number")

    def clean_email(self):
        email = normalize_email(self.cleaned_data["email"])
        if not ratelimit.consume(self.request, action=RATE_LIMIT_ACTION, key=email):
            raise forms.ValidationError(
                _("Too many requests for this address. Please try again in an hour.")
            )
        return email

    def clean(self):
        cleaned = super().clean()
        for name in ("member_number", "last_name", "postal_code"):
            if name in cleaned:
                cleaned[name] = cleaned[name].strip()
        return cleaned

    def save(self):
        """Store the request; a second one for the same email and local replaces the first
        while it waits for review."""
        data = self.cleaned_data
        fields = {
            "member_number": data["member_number"],
            "last_name": data["last_name"],
            "postal_code": data["postal_code"],
        }
        pending = VerificationRequest.objects.filter(
            email=data["email"], local=data["local"], status=VerificationStatus.PENDING
        )
        if pending.update(**fields, created_at=timezone.now()):
            return pending.first()
        return VerificationRequest.objects.create(
            email=data["email"], local=data["local"], **fields
        )


@never_cache
def request_verification(request):
    if request.user.is_authenticated and request.method == "GET":
        initial = {"email": request.user.email}
    else:
        initial = {}
    form = VerificationForm(request.POST or None, request=request, initial=initial)
    if request.method == "POST" and form.is_valid():
        form.save()
        return redirect("members_verify_sent")
    return TemplateResponse(request, "members/verify.html", {"form": form})


def request_sent(request):
    return TemplateResponse(request, "members/verify_sent.html")


@transaction.atomic
def approve(verification, reviewer, *, entry=None):
    """Admit the person: their account (made now if they have none, codes only) becomes a
    member of the local (MembershipSource.VERIFIED: it stays until staff end it). Returns the
    membership."""
    user_model = get_user_model()
    user = verification.user or (
        user_model.objects.filter(email__iexact=verification.email, is_active=True)
        .order_by("pk")
        .first()
    )
    if user is None:
        user = create_member_account(verification.email, verification)
    membership = grant(user, verification.local, entry=entry, source=MembershipSource.VERIFIED)
    verification.user = user
    verification.status = VerificationStatus.APPROVED
    verification.reviewed_by = reviewer
    verification.reviewed_at = timezone.now()
    verification.save(update_fields=["user", "status", "reviewed_by", "reviewed_at"])
    return membership


def refuse(verification, reviewer):
    verification.status = VerificationStatus.REFUSED
    verification.reviewed_by = reviewer
    verification.reviewed_at = timezone.now()
    verification.save(update_fields=["status", "reviewed_by", "reviewed_at"])
