"""Time-based one-time passwords (RFC 6238, as authenticator apps compute them) for tests that
sign staff in with their second factor."""

import base64
import hashlib
import hmac
import struct
import time

PERIOD = 30


def totp(secret, at=None, steps=0):
    """The 6-digit code of base32 `secret` at `at` (default now), `steps` periods away."""
    counter = int((time.time() if at is None else at) // PERIOD) + steps
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"
