"""django-allauth, fitted to the union (settings.ACCOUNT_ADAPTER and MFA_ADAPTER).

- Nobody signs up: member accounts come from the rosters (members.signin), staff accounts from
  the admin.
- Every sign-in (password, code, second factor) ends with the member's roster memberships
  brought up to date (members.membership.sync_from_roster), and lands members on "My union",
  staff on the admin.
- Mail is rendered here and sent by the task worker: the request that asks for a code only
  enqueues, so answering a member and answering an unknown address take about as long.
- Rate limits count the same client address as every other limit of the site
  (opeiu_site.core.client: behind trusted proxies, the visitor's own).
- A staff account cannot remove its last second factor (the admin's door would refuse it).
"""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth.models import Permission
from django.db.models import Q
from django.urls import reverse
from django.utils.http import urlencode

from opeiu_site.core.client import client_ip
from opeiu_site.core.tasks import worker_task

from .membership import sync_from_roster

# The authenticators that count as a second factor (recovery codes only stand in for them).
SECOND_FACTORS = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


def can_reach_admin(user):
    """Does `user` get into the Wagtail admin (and so need a second factor)? One query at most."""
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    access = Q(user=user) | Q(group__user=user)
    return (
        Permission.objects.filter(access, content_type__app_label="wagtailadmin")
        .filter(codename="access_admin")
        .exists()
    )


@worker_task
def send_rendered_mail(subject, body, from_email, to, html=None, headers=None):
    """Send one message rendered in the web request (the worker only talks to the mail server)."""
    from django.core.mail import EmailMultiAlternatives

    message = EmailMultiAlternatives(
        subject,
        body,
        from_email,
        to,
        headers={"Auto-Submitted": "auto-generated", **(headers or {})},
    )
    if html:
        message.attach_alternative(html, "text/html")
    message.send()


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        return False

    def get_client_ip(self, request):
        return client_ip(request)

    def send_mail(self, template_prefix, email, context):
        from allauth.core import context as allauth_context
        from django.contrib.sites.shortcuts import get_current_site

        request = allauth_context.request
        signing_in = template_prefix == "account/email/login_code" and not context.get(
            "reauthentication"
        )
        if signing_in and request is not None:
            # The link fills the code in, in the browser that asked for it (members.signin).
            confirm = request.build_absolute_uri(reverse("account_confirm_login_code"))
            context = {
                **context,
                "confirm_url": f"{confirm}?{urlencode({'code': context['code']})}",
            }
        full_context = {
            "request": request,
            "email": email,
            "current_site": get_current_site(request),
            **context,
        }
        message = self.render_mail(template_prefix, email, full_context)
        html = next(
            (
                content
                for content, mimetype in getattr(message, "alternatives", ())
                if mimetype == "text/html"
            ),
            None,
        )
        if message.content_subtype == "html":  # allauth sends HTML-only mail as the body
            html, body = message.body, ""
        else:
            body = message.body
        send_rendered_mail.enqueue(
            message.subject, body, message.from_email, list(message.to), html=html
        )

    def login(self, request, user):
        super().login(request, user)
        # At every sign-in: memberships follow the rosters as they are today.
        sync_from_roster(user)

    # allauth's "Successfully signed in as ..." and "You have signed out." say what the page
    # the person lands on already shows; in the admin that banner failed axe's colour contrast
    # (Wagtail's success style, white on #3b977b: 3.56:1). Other messages are kept.
    QUIET_MESSAGES = ("account/messages/logged_in.txt", "account/messages/logged_out.txt")

    def add_message(self, request, level, message_template=None, *args, **kwargs):
        if message_template in self.QUIET_MESSAGES:
            return
        super().add_message(request, level, message_template, *args, **kwargs)

    def get_login_redirect_url(self, request):
        if can_reach_admin(request.user):
            return reverse("wagtailadmin_home")
        return settings.LOGIN_REDIRECT_URL


class MFAAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator):
        """Staff keep at least one second factor: the admin requires it."""
        if authenticator.type not in SECOND_FACTORS or not can_reach_admin(authenticator.user):
            return True
        others = Authenticator.objects.filter(
            user_id=authenticator.user_id, type__in=SECOND_FACTORS
        ).exclude(pk=authenticator.pk)
        return others.exists()
