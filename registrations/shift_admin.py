"""Staff side of an event's shifts, in the Wagtail admin: list them by day with who signed up,
add one, create a run from a rule (weekdays of a date range), delete one.

Only someone who may edit the event page (its local's editors and moderators, the
International's staff for theirs, superusers) sees or changes anything: everyone else gets 403
before a name is read (tests/locals/test_admin_matrix.py requests this URL too).
"""

from itertools import groupby

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from wagtail.models import Page

from opeiu_site.ops.invalidation import tags_for_pages
from opeiu_site.ops.purge import purge

from .shift_forms import ShiftForm, ShiftRuleForm
from .shift_models import Shift, ShiftSignup


def _event_or_404(request, page_id):
    from events.models import EventPage

    page = Page.objects.filter(pk=page_id).first()
    if page is None or page.specific_class is not EventPage:
        raise Http404
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return page.specific


def _create(page, form, dates):
    created = form.create(page, dates)
    if created:
        purge(tags_for_pages([page]))  # the event page shows its shifts
    return created


def _delete(request, page):
    try:
        pk = int(request.POST.get("shift", ""))
    except ValueError:
        raise Http404 from None
    shift = Shift.objects.filter(pk=pk, page_id=page.pk).first()
    if shift is None:
        raise Http404
    people = shift.signups.filter(cancelled_at__isnull=True).count()
    shift.delete()
    purge(tags_for_pages([page]))
    messages.success(
        request,
        "Shift deleted"
        + (f" with its {people} sign-up{'s' if people != 1 else ''}." if people else "."),
    )


def manage(request, calendar_entry_id):
    page = _event_or_404(request, calendar_entry_id)
    one, rule = ShiftForm(prefix="one"), ShiftRuleForm(prefix="rule")
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "delete":
            _delete(request, page)
            return HttpResponseRedirect(request.path)
        if action == "one":
            one = ShiftForm(request.POST, prefix="one")
            if one.is_valid():
                made = _create(page, one, [one.cleaned_data["date"]])
                messages.success(request, "Shift added." if made else "That shift exists already.")
                return HttpResponseRedirect(request.path)
        elif action == "rule":
            rule = ShiftRuleForm(request.POST, prefix="rule")
            if rule.is_valid():
                dates = rule.dates()
                made = _create(page, rule, dates)
                messages.success(
                    request,
                    f"{made} shift{'s' if made != 1 else ''} created"
                    + (f" ({len(dates) - made} existed already)." if made < len(dates) else "."),
                )
                return HttpResponseRedirect(request.path)
    shifts = list(
        Shift.objects.filter(page_id=page.pk).prefetch_related(
            Prefetch(
                "signups",
                queryset=ShiftSignup.objects.filter(cancelled_at__isnull=True),
                to_attr="live_signups",
            )
        )
    )
    zone = page.zone
    for shift in shifts:
        shift.next_day = (
            timezone.localtime(shift.ends_at, zone).date()
            != timezone.localtime(shift.starts_at, zone).date()
        )
    days = [
        (day, list(items))
        for day, items in groupby(
            shifts, key=lambda s: timezone.localtime(s.starts_at, zone).date()
        )
    ]
    return render(
        request,
        "registrations/admin/shifts.html",
        {
            "page": page,
            "zone": zone,
            "days": days,
            "total": len(shifts),
            "one": one,
            "rule": rule,
            "registrations_url": reverse("registrations_manage", args=[page.pk]),
        },
    )


def urls():
    return [path("registrations/<int:calendar_entry_id>/shifts/", manage, name="shifts_manage")]
