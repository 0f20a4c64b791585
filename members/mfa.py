"""Every staff account signs in with two factors: enforced at the admin's door.

A session passes the door once it has shown a second factor: allauth's MFA stage at sign-in (a
TOTP code or a passkey), a re-authentication with one, or setting one up (which takes a valid
code or key). Until then a user who can reach the Wagtail admin is sent, before any admin page,
to set one up (no authenticator yet) or to enter it (an authenticator, but this session signed
in without it). Members, who cannot reach the admin, are never asked.

The mark is a session key holding the user's id, so a session that passed costs the door no
query at all.
"""

from allauth.account.signals import authentication_step_completed
from allauth.core import context
from allauth.mfa.base.forms import AuthenticateForm as BaseAuthenticateForm
from allauth.mfa.base.forms import ReauthenticateForm as BaseReauthenticateForm
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added
from allauth.mfa.totp.forms import ActivateTOTPForm as BaseActivateTOTPForm
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.dispatch import receiver
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .adapter import SECOND_FACTORS, can_reach_admin

SESSION_KEY = "opeiu_second_factor"
# Under the admin, but not the door itself: its login sends to allauth's, its logout signs out.
ADMIN_PREFIX = "/admin/"
OPEN_ADMIN_PATHS = ("/admin/login/", "/admin/logout/")


def mark_second_factor(request, user):
    """Record that this session showed a second factor for `user`."""
    request.session[SESSION_KEY] = str(user.pk)


def passed_second_factor(request):
    return request.session.get(SESSION_KEY) == str(request.user.pk)


@receiver(authentication_step_completed, dispatch_uid="members-mfa-step")
def _on_authentication_step(sender, request, method, user, **kwargs):
    if method == "mfa" and request is not None:
        mark_second_factor(request, user)


@receiver(authenticator_added, dispatch_uid="members-mfa-added")
def _on_authenticator_added(sender, request, user, authenticator, **kwargs):
    if request is not None and authenticator.type in SECOND_FACTORS:
        mark_second_factor(request, user)


class _CodeLabel:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["code"]
        field.label = _("Authenticator code")
        field.help_text = _(
            "The 6-digit code your authenticator app shows, or one of your recovery codes."
        )
        field.widget.attrs.pop("placeholder", None)


class AuthenticateForm(_CodeLabel, BaseAuthenticateForm):
    pass


class ReauthenticateForm(_CodeLabel, BaseReauthenticateForm):
    pass


class ActivateTOTPForm(BaseActivateTOTPForm):
    """allauth's (settings.MFA_FORMS): a valid code from the new authenticator app is this
    session's second factor at once (allauth's `authenticator_added` waits for the commit)."""

    def clean_code(self):
        code = super().clean_code()
        if context.request is not None:
            mark_second_factor(context.request, self.user)
        return code


class StaffSecondFactorMiddleware:
    """Place after AuthenticationMiddleware, MessageMiddleware and allauth's AccountMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self._refuse(request)
        return response if response is not None else self.get_response(request)

    def _refuse(self, request):
        path = request.path_info
        if not path.startswith(ADMIN_PREFIX) or path.startswith(OPEN_ADMIN_PATHS):
            return None
        user = request.user
        if not user.is_authenticated or passed_second_factor(request):
            return None
        if not can_reach_admin(user):
            return None  # Wagtail refuses them itself
        has_factor = Authenticator.objects.filter(user_id=user.pk, type__in=SECOND_FACTORS)
        if has_factor.exists():
            return redirect_to_login(
                request.get_full_path(), login_url="mfa_reauthenticate", redirect_field_name="next"
            )
        messages.warning(
            request,
            _(
                "Staff accounts need a second factor. Set up an authenticator app or a "
                "security key, then continue to the admin."
            ),
        )
        return redirect("mfa_index")
