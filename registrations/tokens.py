"""The cancel link's token: the registration's id, signed (no sign-in needed, not guessable)."""

from django.core import signing

from .models import Registration

CANCEL_SALT = "registrations.cancel"


def cancel_token(registration):
    return signing.dumps(registration.pk, salt=CANCEL_SALT)


def _signed_pk(token, salt):
    """The id a link's token carries, or None for a bad or tampered token."""
    try:
        pk = signing.loads(token, salt=salt)
    except signing.BadSignature:
        return None
    return pk if isinstance(pk, int) else None


def registration_for_token(token):
    """The registration a cancel link names, or None for a bad or tampered token."""
    pk = _signed_pk(token, CANCEL_SALT)
    if pk is None:
        return None
    return Registration.objects.select_related("settings").filter(pk=pk).first()


SHIFT_CANCEL_SALT = "registrations.shift_cancel"


def shift_cancel_token(signup):
    return signing.dumps(signup.pk, salt=SHIFT_CANCEL_SALT)


def signup_for_token(token):
    """The shift sign-up a cancel link names, or None for a bad or tampered token."""
    from .shift_models import ShiftSignup

    pk = _signed_pk(token, SHIFT_CANCEL_SALT)
    if pk is None:
        return None
    return ShiftSignup.objects.select_related("shift", "shift__page").filter(pk=pk).first()
