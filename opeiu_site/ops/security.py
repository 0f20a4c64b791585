"""Security helpers wired in settings.py and urls.py: the admin's relaxed CSP, the login lockout
backend and the one attempt limit of every password form, pages' and documents' (the client
address comes from opeiu_site.core.client)."""

import hashlib

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.core.cache import cache
from django.template.response import TemplateResponse

from opeiu_site.core.client import client_ip


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


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout check for logins over HTTP. Authentication without a request
    (management commands, the test client's login()) cannot be brute-forced from outside
    and is left to the next backend."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def _password_attempts_key(request):
    # Hashed: the cache need not hold readable addresses. One key for every password form.
    return "password:fail:" + hashlib.sha256(client_ip(request).encode()).hexdigest()[:32]


def _limit_wrong_passwords(request, view, *args):
    """Run Wagtail's password form `view`, with wrong passwords limited per client address.

    After PAGE_PASSWORD_RATE_LIMIT = (failures, seconds) wrong passwords from one address
    (opeiu_site.core.client, so behind proxies it is the visitor's own), further tries get a
    429 page until the window ends; a right password before that works as usual. Page and
    document passwords count together: guessing at one form spends the allowance of both."""
    failures, window = settings.PAGE_PASSWORD_RATE_LIMIT
    key = _password_attempts_key(request)
    if request.method == "POST" and (cache.get(key) or 0) >= failures:
        response = TemplateResponse(request, "core/too_many_password_attempts.html", status=429)
        response["Retry-After"] = str(window)
        return response
    response = view(request, *args)
    wrong = request.method == "POST" and response.status_code == 200  # the form again
    if wrong and not cache.add(key, 1, timeout=window):
        try:
            cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.add(key, 1, timeout=window)
    return response


def authenticate_with_password(request, page_view_restriction_id, page_id):
    """Wagtail's page-password form, limited (_limit_wrong_passwords)."""
    from wagtail.views import authenticate_with_password as wagtail_view

    return _limit_wrong_passwords(request, wagtail_view, page_view_restriction_id, page_id)


def authenticate_document_with_password(request, restriction_id):
    """Wagtail's document-password form (a collection's password), limited the same way."""
    from wagtail.documents.views.serve import authenticate_with_password as wagtail_view

    return _limit_wrong_passwords(request, wagtail_view, restriction_id)
