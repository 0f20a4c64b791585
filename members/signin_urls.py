"""The sign-in routes (django-allauth's, under accounts/), with the few changes the union needs.

Included by opeiu_site/urls.py at "accounts/". Besides: the admin's login and Wagtail's
front-end password login send to allauth's (members.signin_views), so every sign-in goes
through the same stages (rate limits, the lockout, the second factor).
"""

from django.urls import include, path

from . import signin_views, verify

urlpatterns = [
    # An account's email is its roster email: members do not change it (a new address would
    # earn another row's memberships at the next sign-in); staff change it in the admin.
    path("email/", signin_views.not_here),
    # Members have no password.
    path("password/set/", signin_views.not_here),
    path("verify/", verify.request_verification, name="members_verify"),
    path("verify/sent/", verify.request_sent, name="members_verify_sent"),
    path("", include("allauth.urls")),
]
