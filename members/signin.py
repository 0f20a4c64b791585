"""Members sign in with a code emailed to the address on their local's roster.

django-allauth's login by code does the work (the code, its expiry, its single use, the
attempts and the rate limits: settings.ACCOUNT_LOGIN_BY_CODE_*, ACCOUNT_RATE_LIMITS); these
forms (settings.ACCOUNT_FORMS) decide who gets a code:

- an email on an active (or retired) roster row of any local: a code, and an account made for
  it if there is none yet (members.adapter brings its memberships up to date when it signs in);
- an email of an existing member account (one staff verified, or one whose row lapsed since:
  they can still sign in to see or delete their data): a code;
- a staff account's email: no code (staff sign in with their password and a second factor);
- any other email: no account, no mail.

Every case answers with the same page ("if this email is on a roster, a code is on its way")
after the same queries, so the answer tells a prober nothing.
"""

import secrets

from allauth.account.forms import ConfirmLoginCodeForm as BaseConfirmLoginCodeForm
from allauth.account.forms import RequestLoginCodeForm as BaseRequestLoginCodeForm
from allauth.core import context
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .membership import member_rows, normalize_email

USERNAME_PREFIX = "member-"


def new_member_username():
    """A username that says nothing about the person and cannot collide with a staff one."""
    return USERNAME_PREFIX + secrets.token_hex(6)


def create_member_account(email, row):
    """The account of a roster member signing in for the first time, or of a person staff
    verified (`row`: the roster row or the verification request, for the name). No password:
    codes only."""
    user_model = get_user_model()
    for _attempt in range(5):
        user = user_model(
            username=new_member_username(),
            email=normalize_email(email),
            first_name=getattr(row, "first_name", "")[:150],
            last_name=getattr(row, "last_name", "")[:150],
        )
        user.set_unusable_password()
        try:
            with transaction.atomic():
                user.save()
        except IntegrityError:  # the same random name twice: try another
            continue
        return user
    raise RuntimeError("could not find a free member username")


def _is_staff_email(email):
    """Does an active account with this email reach the admin? The same one query for every
    address, known or not."""
    access = (
        Q(is_superuser=True)
        | Q(user_permissions__codename="access_admin")
        | Q(groups__permissions__codename="access_admin")
    )
    return (
        get_user_model()
        .objects.filter(email__iexact=normalize_email(email), is_active=True)
        .filter(access)
        .exists()
    )


def _any_account(email):
    return get_user_model().objects.filter(email__iexact=normalize_email(email)).exists()


class RequestLoginCodeForm(BaseRequestLoginCodeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["email"]
        field.label = _("Your email address")
        field.help_text = _("The address your local has on its membership roster.")
        field.widget.attrs.pop("placeholder", None)
        field.widget.attrs["autocomplete"] = "email"

    def clean_email(self):
        # allauth's: the rate limits (per address, per email), then the active accounts.
        email = super().clean_email()
        if not email:
            return email
        rows = list(member_rows(email)[:1])
        staff = _is_staff_email(email)
        user = self._user
        if staff:
            user = None  # staff: password and second factor, never a code
        elif user is None and rows and not _any_account(email):
            # (An account staff deactivated is not replaced by a new one.)
            user = create_member_account(email, rows[0])
        self._user = user
        return email


class ConfirmLoginCodeForm(BaseConfirmLoginCodeForm):
    """The code form; the emailed link (`?code=...`) fills it in, the member still presses the
    button (a link scanner opening the link signs nobody in, and the code only works in the
    browser that asked for it)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["code"]
        field.label = _("Sign-in code")
        field.widget.attrs.pop("placeholder", None)
        request = context.request
        if not self.is_bound and request is not None:
            code = request.GET.get("code", "")
            if code and len(code) <= 20:
                self.initial["code"] = code
