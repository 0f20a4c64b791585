"""Small views around django-allauth's sign-in (members.signin_urls, opeiu_site/urls.py)."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.urls import reverse


def not_here(request, *args, **kwargs):
    raise Http404


def admin_login(request):
    """Wagtail's admin login: allauth's, which runs the second-factor stage."""
    return redirect_to_login(
        request.GET.get("next") or reverse("wagtailadmin_home"), settings.WAGTAILADMIN_LOGIN_URL
    )


def frontend_login(request):
    """Wagtail's front-end password login (pages for "logged-in users"): allauth's."""
    return redirect_to_login(request.GET.get("next") or "/", "account_login")
