"""Asking to be verified: a member whose email is not on the roster gives their member number,
last name and ZIP code; the local's staff review the request in the admin (the roster helper's
review view calls `approve` / `refuse`).

The form is public and its answer is the same whatever was typed ("if the details match, the
local's staff will review it"): it tells nobody whether a member number exists. It is limited
per client address and per email (settings.ACCOUNT_RATE_LIMITS["verification_request"]).

The decision is emailed to the person by the task worker (`send_decision_mail`), enqueued once
the decision is committed: a mail server that is down never loses a decision. The task retries
with a growing delay on the database queue (the immediate backend of tests and scripts logs
and gives up).
"""

import datetime as dt
import logging

from allauth.core import ratelimit
from django import forms
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from locals.models import LocalPage
from opeiu_site.core.tasks import WORKER_BACKEND, worker_task

from .membership import grant, normalize_email
from .models import MembershipSource, VerificationRequest, VerificationStatus
from .signin import create_member_account

RATE_LIMIT_ACTION = "verification_request"
MAIL_ATTEMPTS = 6
MAIL_RETRY_DELAYS = [60, 300, 900, 3600, 6 * 3600]  # seconds after attempt 1, 2, ...

logger = logging.getLogger(__name__)


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


def enqueue_decision_mail(verification, sign_in_url):
    """After the decision commits: the worker emails it (approved: the sign-in link)."""
    transaction.on_commit(lambda: send_decision_mail.enqueue(verification.pk, sign_in_url))


def decision_message(verification, sign_in_url):
    local = verification.local
    kind = "approved" if verification.status == VerificationStatus.APPROVED else "refused"
    context = {
        "local": local,
        "email": verification.email,
        "sign_in_url": sign_in_url,
        "local_url": local.full_url or "",
    }
    subject = render_to_string(f"members/mail/verification_{kind}_subject.txt", context)
    return EmailMessage(
        " ".join(subject.split()),
        render_to_string(f"members/mail/verification_{kind}.txt", context).strip() + "\n",
        to=[verification.email],
        headers={"Auto-Submitted": "auto-generated"},
    )


@worker_task
def send_decision_mail(verification_id, sign_in_url, attempt=1):
    verification = (
        VerificationRequest.objects.select_related("local").filter(pk=verification_id).first()
    )
    if verification is None or verification.status == VerificationStatus.PENDING:
        return  # deleted since (the member removed), or never decided
    try:
        decision_message(verification, sign_in_url).send()
    except Exception:
        logger.exception(
            "verification %s: the decision email failed (attempt %s)", verification_id, attempt
        )
        _retry(verification_id, sign_in_url, attempt)


def _retry(verification_id, sign_in_url, attempt):
    from django.tasks import task_backends

    if attempt >= MAIL_ATTEMPTS:
        logger.error("verification %s: the decision email was given up", verification_id)
        return
    if not task_backends[WORKER_BACKEND].supports_defer:
        return
    delay = MAIL_RETRY_DELAYS[min(attempt - 1, len(MAIL_RETRY_DELAYS) - 1)]
    send_decision_mail.using(run_after=timezone.now() + dt.timedelta(seconds=delay)).enqueue(
        verification_id, sign_in_url, attempt + 1
    )
