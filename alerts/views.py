"""Public views: subscribe (a form on cached pages, so no CSRF token: the worst a forged post can
do is send one confirmation email), confirm (GET shows a button, POST confirms: link scanners
that open every link must not subscribe anyone) and unsubscribe (GET shows a button; POST,
including the RFC 8058 one-click POST a mail client sends, unsubscribes without signing in)."""

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from opeiu_site.core.client import client_ip

from . import subscriptions
from .forms import HONEYPOT, SubscribeForm
from .models import Subscription, Topic
from .tasks import send_confirmation_task

TOPIC_WORDS = {
    Topic.SERIES: "changes to these meetings",
    Topic.MEETINGS: "meeting changes",
    Topic.NEWS: "news",
    Topic.ACTIONS: "action alerts",
}


def _rate_limited(request):
    allowed, window = settings.ALERTS_SUBSCRIBE_RATE_LIMIT
    key = f"alerts-subscribe:{client_ip(request)}"
    if cache.add(key, 1, timeout=window):
        return False
    try:
        return cache.incr(key) > allowed
    except ValueError:
        cache.add(key, 1, timeout=window)
        return False


def _list_from(form):
    page = subscriptions.page_for_form(form.cleaned_data["page"])
    if page is None:
        return None, None
    return page, subscriptions.list_for(page, form.cleaned_data["topic"])


@never_cache
@csrf_exempt
@require_http_methods(["GET", "POST"])
def subscribe(request):
    if request.method == "GET":
        form = SubscribeForm(initial=request.GET.dict())
        page = None
        if str(request.GET.get("page", "")).isdigit():
            page = subscriptions.page_for_form(int(request.GET["page"]))
        if page is None or request.GET.get("topic") not in Topic.values:
            raise Http404
        return render(request, "alerts/subscribe.html", {"form": form, "target": page,
                      "words": TOPIC_WORDS[request.GET["topic"]]})  # fmt: skip
    form = SubscribeForm(request.POST)
    if not form.is_valid():
        page = None
        if form.cleaned_data.get("page"):
            page = subscriptions.page_for_form(form.cleaned_data["page"])
        if page is None or "topic" not in form.cleaned_data:
            raise Http404
        words = TOPIC_WORDS[form.cleaned_data["topic"]]
        context = {"form": form, "target": page, "words": words}
        return render(request, "alerts/subscribe.html", context, status=400)
    if form.cleaned_data.get(HONEYPOT):
        return render(request, "alerts/check_inbox.html", {})  # a bot: looks the same, sends none
    if _rate_limited(request):
        return render(request, "alerts/rate_limited.html", {}, status=429)
    page, mailing_list = _list_from(form)
    if mailing_list is None:
        raise Http404
    consent = f"Subscribed with the form on {page.url_path} ({mailing_list.name})"
    subscription, needs_confirmation = subscriptions.subscribe(
        mailing_list, form.cleaned_data["email"], consent
    )
    if needs_confirmation:
        transaction.on_commit(lambda: send_confirmation_task.enqueue(subscription.pk))
    # The same answer whether the address was new, pending or subscribed: nobody learns who is.
    return render(request, "alerts/check_inbox.html", {"list": mailing_list})


def _by_token(token):
    if len(token) > 64:
        raise Http404
    return get_object_or_404(Subscription.objects.select_related("mailing_list"), token=token)


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    subscription = _by_token(token)
    done = False
    if request.method == "POST":
        subscriptions.confirm(subscription)
        done = True
    return render(request, "alerts/confirm.html", {"subscription": subscription, "done": done})


@never_cache
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    subscription = _by_token(token)
    if request.method == "POST":
        subscriptions.unsubscribe(subscription)
        if request.POST.get("List-Unsubscribe") == "One-Click":
            return HttpResponse("Unsubscribed.\n", content_type="text/plain")
        return render(request, "alerts/unsubscribe.html", {"subscription": subscription,
                      "done": True})  # fmt: skip
    return render(request, "alerts/unsubscribe.html", {"subscription": subscription})
