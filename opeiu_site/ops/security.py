"""Security helpers wired in settings.py: the admin's relaxed CSP, the client IP for login
lockouts, and the lockout backend."""

from axes.backends import AxesStandaloneBackend
from django.conf import settings


class AdminContentSecurityPolicyMiddleware:
    """Give the Wagtail admin its relaxed policy (SECURE_CSP_ADMIN); public pages keep the
    strict SECURE_CSP. Sits inside django.middleware.csp, which honours `_csp_config`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith(tuple(settings.CSP_ADMIN_PATHS)):
            response._csp_config = settings.SECURE_CSP_ADMIN
        return response


def client_ip(request):
    """The visitor's address for login lockouts.

    REMOTE_ADDR, unless TRUSTED_PROXY_COUNT proxies sit in front of the site: then the address
    that the outermost trusted proxy saw, counted from the right of X-Forwarded-For (the part
    the proxies appended). Entries further left are whatever the client sent and are ignored,
    so a forged X-Forwarded-For cannot dodge or redirect a lockout.
    """
    count = settings.TRUSTED_PROXY_COUNT
    remote = request.META.get("REMOTE_ADDR")
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < count:
        return remote
    return forwarded[-count]


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout check for logins over HTTP. Authentication without a request
    (management commands, the test client's login()) cannot be brute-forced from outside
    and is left to the next backend."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
