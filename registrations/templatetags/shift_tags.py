from django import template

from ..shift_views import board_context

register = template.Library()


@register.inclusion_tag("registrations/shifts/board.html", takes_context=True)
def shift_board(context, page):
    """An event's coming shifts by day, who is still needed, and the sign-up form."""
    board = board_context(page, context.get("request"))
    board["csrf_token"] = context.get("csrf_token")
    return board


UPCOMING_SHOWN = 20


@register.inclusion_tag("registrations/shifts/my_shifts.html", takes_context=True)
def my_shifts(context):
    """ "Your shifts" in My union: the member's coming shifts and their hours, done and ahead
    (sign-ups made signed in, or with their account's address; cancelled ones left out)."""
    from django.db.models import Q
    from django.utils import timezone

    from ..shift_models import ShiftSignup

    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"shown": False}
    mine = Q(user=user)
    if user.email:
        mine |= Q(email__iexact=user.email)
    signups = list(
        ShiftSignup.objects.filter(mine, cancelled_at__isnull=True)
        .select_related("shift")
        .order_by("shift__starts_at", "pk")
    )
    if not signups:
        return {"shown": False}
    from events.models import EventPage

    events = EventPage.objects.in_bulk({s.shift.page_id for s in signups})
    for signup in signups:
        signup.event = events.get(signup.shift.page_id)
    signups = [s for s in signups if s.event is not None]
    now = timezone.now()
    done = [s for s in signups if s.shift.ends_at <= now]
    ahead = [s for s in signups if s.shift.ends_at > now]
    return {
        "shown": True,
        "upcoming": ahead[:UPCOMING_SHOWN],
        "more": max(0, len(ahead) - UPCOMING_SHOWN),
        "hours_done": sum(s.shift.hours for s in done),
        "hours_ahead": sum(s.shift.hours for s in ahead),
        "hours_total": sum(s.shift.hours for s in signups),
        "shifts_done": len(done),
        "shifts_ahead": len(ahead),
    }


@register.filter
def hours(value):
    """3.0 -> "3", 2.5 -> "2.5"."""
    return f"{value:.2f}".rstrip("0").rstrip(".")
