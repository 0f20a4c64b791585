"""A member's own pages: "My union", their personal calendar feed, and "My data" (see it,
download it as JSON, delete the account). All of them are private: never stored by the page
cache or a cache in front (Cache-Control: private, no-store), never indexed."""

import json

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from events.subscribe_links import subscribe_links

from . import data, feed
from .my_union import extra_sections, my_locals


def _private(response):
    response["Cache-Control"] = feed.PRIVATE
    return response


@sensitive_variables()
@never_cache
@login_required
@require_GET
def my_union(request):
    personal_feed = feed.feed_of(request.user)
    feed_https, feed_webcal = feed.feed_urls(request, personal_feed)
    context = {
        "locals": my_locals(request.user),
        "feed_https": feed_https,
        "feed_webcal": feed_webcal,
        "subscribe": subscribe_links(feed_https, feed_webcal, "My union"),
        "extra_sections": extra_sections(request),
    }
    return _private(render(request, "members/my_union.html", context))


@never_cache
@login_required
@require_POST
def reset_feed(request):
    feed.feed_of(request.user).reset()
    messages.success(
        request,
        _(
            "Your calendar has a new address. The old one no longer works: add the new one to "
            "your calendar app."
        ),
    )
    return redirect("members:my_union")


@sensitive_variables()
@require_GET
def calendar_feed(request, token):
    """The personal feed: no session (calendar apps have none), the token is the key."""
    return feed.feed_response(request, token)


@sensitive_variables()
@never_cache
@login_required
@require_GET
def my_data(request):
    context = {"data": data.collect(request.user)}
    return _private(render(request, "members/my_data.html", context))


@sensitive_variables()
@never_cache
@login_required
@require_GET
def my_data_json(request):
    body = json.dumps(data.collect(request.user), cls=DjangoJSONEncoder, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="my-union-data.json"'
    return _private(response)


class DeleteAccountForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Yes, delete my account and everything stored about it here"),
        help_text=_("You will be signed out."),
    )


@sensitive_post_parameters()
@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    user = request.user
    if data.is_staff_account(user):
        return _private(render(request, "members/delete_account.html", {"staff": True}))
    form = DeleteAccountForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data.delete_account(user)
        logout(request)
        return _private(render(request, "members/account_deleted.html"))
    return _private(render(request, "members/delete_account.html", {"form": form}))
