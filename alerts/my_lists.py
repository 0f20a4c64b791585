"""A member's email lists on "My union": the section (the members app's
`opeiu_my_union_sections` hook, registered in alerts/wagtail_hooks.py) and the POST that saves
it. Only the lists the section offers (subscriptions.subscriptions_for) can be changed: a
submitted id of any other list is ignored. A verified address subscribes at once (it proved
itself when the member signed in); an unverified one gets the confirmation email."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import subscriptions

CONSENT = "Ticked on My union while signed in"


def _verified(user):
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()


def section(request):
    rows = subscriptions.subscriptions_for(request.user)
    return render_to_string(
        "alerts/includes/my_lists.html",
        {"rows": rows, "email": request.user.email},
        request=request,
    )


@never_cache
@login_required
@require_POST
def save(request):
    from .tasks import send_confirmation_task

    user = request.user
    offered = {mailing_list.pk: (mailing_list, sub) for mailing_list, sub in
               subscriptions.subscriptions_for(user)}  # fmt: skip
    wanted = set()
    for value in request.POST.getlist("lists"):
        if value.isdigit() and int(value) in offered:
            wanted.add(int(value))
    verified = _verified(user)
    pending = []
    with transaction.atomic():
        for pk, (mailing_list, sub) in offered.items():
            subscribed = sub is not None and sub.status != sub.UNSUBSCRIBED
            if pk in wanted and not subscribed:
                made, needs_confirmation = subscriptions.subscribe(
                    mailing_list, user.email, CONSENT, user=user, confirmed=verified
                )
                if needs_confirmation:
                    pending.append(made.pk)
            elif pk not in wanted and subscribed:
                subscriptions.unsubscribe(sub)
        for pk in pending:
            transaction.on_commit(lambda pk=pk: send_confirmation_task.enqueue(pk))
    if pending:
        messages.success(request, "Saved. Check your inbox to confirm your address.")
    else:
        messages.success(request, "Your email lists are saved.")
    return redirect(reverse("members:my_union") + "#email-lists")
