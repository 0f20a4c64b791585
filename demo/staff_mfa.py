"""The demo staff accounts' second factor: TOTP with a fixed, published secret each, so a tester
can add it to an authenticator app (or compute the code) and sign in to the admin. Printed by
load_demo with the passwords. Demo only: a real site's staff set up their own."""

from urllib.parse import quote, urlencode

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from allauth.mfa.utils import decrypt
from django.conf import settings
from django.contrib.auth import get_user_model

# Base32, 32 characters (160 bits) each: what authenticator apps expect.
SECRETS = {
    "admin": "OPEIUDEMOADMINTOTPSECRETAAAAAAAA",
    "local12-editor": "OPEIUDEMOLOCALTWELVEEDITORAAAAAA",
    "local12-moderator": "OPEIUDEMOLOCALTWELVEMODERATORAAA",
    "local212-editor": "OPEIUDEMOLOCALTWOTWELVEEDITORAAA",
}


def otpauth_uri(username, secret):
    issuer = settings.MFA_TOTP_ISSUER
    label = quote(f"{issuer}:{username}")
    return f"otpauth://totp/{label}?{urlencode({'secret': secret, 'issuer': issuer})}"


def load(log):
    users = get_user_model().objects.filter(username__in=SECRETS)
    for user in users.order_by("username"):
        secret = SECRETS[user.username]
        existing = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
        if existing is None:
            TOTP.activate(user, secret)
        elif decrypt(existing.data["secret"]) != secret:
            log.step(f"kept {user.username}'s own authenticator app (not the demo secret)")
            continue
        log.second_factor(user.username, secret, otpauth_uri(user.username, secret))
