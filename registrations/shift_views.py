"""The public side of shifts: what the event page shows (its coming shifts by day, who is still
needed), the sign-up POST for one or several shifts, and the cancel link (no sign-in)."""

from itertools import groupby

from django import forms
from django.db.models import Count, Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from wagtail.models import Page

from . import queries, shift_services, tokens
from .access import is_member_for
from .forms import RegistrationForm
from .shift_models import Shift


class ShiftSignupForm(RegistrationForm):
    shifts = forms.TypedMultipleChoiceField(
        label=_("Shifts"),
        coerce=int,
        error_messages={"required": _("Choose at least one shift.")},
    )

    def __init__(self, *args, shifts=(), **kwargs):
        kwargs.setdefault("auto_id", "id_shift_%s")
        super().__init__(*args, **kwargs)
        self.fields["shifts"].choices = [(shift.pk, str(shift)) for shift in shifts]
        self.fields["email"].help_text = _("Your confirmation and cancel links go here.")


def coming_shifts(page, now=None):
    """The event's shifts that have not ended, each with `taken` (its live sign-ups): one
    query."""
    now = now or timezone.now()
    return list(
        Shift.objects.filter(page_id=page.pk, ends_at__gt=now)
        .annotate(taken=Count("signups", filter=Q(signups__cancelled_at__isnull=True)))
        .order_by("starts_at", "worksite", "pk")
    )


def _decorate(shift, now):
    shift.still_needed = max(0, shift.people_needed - shift.taken)
    shift.full = shift.still_needed == 0
    shift.under_way = shift.starts_at <= now
    shift.open = not shift.full and not shift.under_way
    return shift


def by_day(shifts, zone):
    """[(date, [shifts])] in the event's zone."""
    return [
        (day, list(items))
        for day, items in groupby(
            shifts, key=lambda s: timezone.localtime(s.starts_at, zone).date()
        )
    ]


def is_cancelled(page):
    from events.choices import EventStatus

    return page.status == EventStatus.CANCELLED


def members_only(page):
    row = queries.settings_for(page)
    return bool(row is not None and row.members_only)


def board_context(page, request, form=None, shifts=None):
    """What the shift board of an event page shows; {"shown": False} without coming shifts."""
    from events.models import EventPage

    if not isinstance(page, EventPage) or not page.pk:
        return {"shown": False}
    now = timezone.now()
    shifts = [
        _decorate(s, now) for s in (shifts if shifts is not None else coming_shifts(page, now))
    ]
    if not shifts:
        return {"shown": False}
    user = getattr(request, "user", None)
    restricted = members_only(page)
    if form is None:
        initial = {}
        if user is not None and user.is_authenticated:
            initial = {"name": user.get_full_name(), "email": user.email}
        form = ShiftSignupForm(initial=initial)
    chosen = {str(value) for value in (form.data.getlist("shifts") if form.is_bound else [])}
    any_open = any(s.open for s in shifts) and not is_cancelled(page)
    may_sign_up = not restricted or (user is not None and is_member_for(user, page))
    return {
        "shown": True,
        "page": page,
        "request": request,
        "days": by_day(shifts, page.zone),
        "zone": page.zone,
        "cancelled": is_cancelled(page),
        "any_open": any_open,
        "members_only": restricted,
        "may_sign_up": may_sign_up,
        "form_shown": any_open and may_sign_up,
        "form": form,
        "chosen": chosen,
    }


def _visible(page, request):
    if not page.live:
        return False
    return all(r.accept_request(request) for r in page.get_view_restrictions())


def _event_or_404(value):
    from events.models import EventPage

    try:
        pk = int(value)
    except (TypeError, ValueError):
        raise Http404 from None
    page = Page.objects.filter(pk=pk).first()
    if page is None or page.specific_class is not EventPage:
        raise Http404
    return page.specific


@never_cache
@require_http_methods(["GET", "POST"])
def signup_view(request):
    page = _event_or_404(request.POST.get("page") or request.GET.get("page"))
    if not _visible(page, request):
        raise Http404
    if request.method == "GET":
        return HttpResponseRedirect(page.url)
    context = {"page": page, "zone": page.zone}
    if is_cancelled(page):
        return render(request, "registrations/shifts/closed.html", context, status=409)
    if members_only(page) and not is_member_for(request.user, page):
        return render(request, "registrations/shifts/members_only.html", context, status=403)
    shifts = coming_shifts(page)
    form = ShiftSignupForm(request.POST, shifts=shifts)
    if not form.is_valid():
        context.update(board_context(page, request, form=form, shifts=shifts))
        return render(request, "registrations/shifts/form_page.html", context, status=400)
    outcome = shift_services.sign_up(
        page.pk,
        form.cleaned_data["shifts"],
        name=form.cleaned_data["name"],
        email=form.cleaned_data["email"],
        phone=form.cleaned_data["phone"],
        user=request.user if request.user.is_authenticated else None,
    )
    context.update(
        outcome=outcome,
        email=form.cleaned_data["email"].strip(),
        refused=len(outcome.full) + len(outcome.started),
    )
    nothing = not outcome.signed_up and not outcome.already
    return render(
        request, "registrations/shifts/done.html", context, status=409 if nothing else 200
    )


@never_cache
@require_http_methods(["GET", "POST"])
def cancel_view(request, token):
    signup = tokens.signup_for_token(token)
    if signup is None:
        raise Http404
    page = signup.shift.page.specific
    context = {"signup": signup, "shift": signup.shift, "page": page, "zone": page.zone}
    if request.method == "POST" and signup.cancelled_at is None:
        shift_services.cancel(signup.pk)
        signup.refresh_from_db()
        context["just_cancelled"] = True
    return render(request, "registrations/shifts/cancel.html", context)
