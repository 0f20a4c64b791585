"""Admin views for meeting series: the list of series a person may change, and the one-form
change to one date (events.date_changes). Both are under /admin/meetings/ and only show series
the person can edit (Wagtail's page permissions: a local's staff, their local's series)."""

import datetime as dt

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.locks import WorkflowLock
from wagtail.permission_policies.pages import PagePermissionPolicy

from . import date_changes, date_diff
from .models import MeetingSeriesPage


def _editable_pages(user):
    return PagePermissionPolicy().instances_user_has_any_permission_for(user, {"change"})


def _editable_series(user):
    return MeetingSeriesPage.objects.filter(pk__in=_editable_pages(user).values("pk"))


def series_list(request):
    """The series the person may change, optionally those under one section (?section=id, a
    page they may change: its title is the list's subtitle; any other id is a 404)."""
    series = _editable_series(request.user)
    section = None
    section_id = request.GET.get("section", "")
    if section_id:
        if not section_id.isdigit():
            return redirect("opeiu_meetings:list")
        section = _editable_pages(request.user).filter(pk=int(section_id)).first()
        if section is None:
            raise Http404
        series = series.descendant_of(section)
    series = list(series.only("id", "title", "path", "live", "url_path").order_by("path"))
    return TemplateResponse(
        request,
        "events/admin/series_list.html",
        {"series_list": series, "section": section, "page_title": _("Meetings")},
    )


def change_date(request, page_id):
    series = get_object_or_404(MeetingSeriesPage, pk=page_id)
    permissions = series.permissions_for_user(request.user)
    if not permissions.can_edit():
        # A plain 403 (Wagtail would turn PermissionDenied into a redirect to the dashboard).
        return TemplateResponse(
            request,
            "events/admin/forbidden.html",
            {"page_title": _("Change a meeting date")},
            status=403,
        )
    latest = series.get_latest_revision_as_object()
    changes = list(latest.date_changes.select_related("venue"))
    today = date_changes.today_for(series)
    can_publish = permissions.can_publish()
    next_url = get_valid_next_url_from_request(request)
    form_kwargs = {"series": latest, "changes": changes, "today": today}
    action = request.POST.get("action", "") if request.method == "POST" else ""
    if request.method == "POST" and action != "show":
        form = date_changes.DateChangeForm(request.POST, **form_kwargs)
        withdrawn = _date_from_query(request.POST.get("withdraw", ""))
        if _locked_for(series, request.user):
            form.add_error(None, _("This series is locked by someone else; try again later."))
        elif withdrawn is not None:
            outcome = date_changes.withdraw(series, request.user, withdrawn)
            return _done(request, series, withdrawn, outcome, next_url)
        elif form.is_valid():
            publish = action == "publish" and can_publish
            outcome = date_changes.apply_change(series, request.user, form.cleaned_data, publish)
            return _done(request, series, form.cleaned_data["date"], outcome, next_url)
    else:
        # "Show this date" (the form without JavaScript) or a link with ?date=: the fields
        # are filled from that date's current change.
        source = request.POST if action == "show" else request.GET
        picked = _date_from_query(source.get("date", ""))
        form = date_changes.DateChangeForm(
            initial=date_changes.initial_for(changes, picked), **form_kwargs
        )
    upcoming = [change for change in changes if change.date >= today]
    past = [change for change in changes if change.date < today]
    past.reverse()
    live_changes = list(series.date_changes.select_related("venue")) if series.live else []
    offered = [date for date, _label in _offered_dates(form)]
    return TemplateResponse(
        request,
        "events/admin/change_date.html",
        {
            "series": series,
            "form": form,
            "can_publish": can_publish,
            "in_moderation": series.workflow_in_progress,
            "pending": date_diff.diff(latest, live_changes, changes),
            "prefill": date_changes.prefill_data(changes, offered),
            "upcoming_changes": upcoming,
            "past_changes": past,
            "next": next_url or "",
            "page_title": _("Change a meeting date"),
        },
    )


def _offered_dates(form):
    return [(dt.date.fromisoformat(value), label) for value, label in form.fields["date"].choices]


def _locked_for(series, user):
    """Locked by someone else: a lock a person set, or a scheduled publish. Not the approval
    workflow's lock: the series' own editors may correct or withdraw what waits for approval
    (sending restarts the approval with the corrected revision)."""
    lock = series.get_lock()
    if lock is None or isinstance(lock, WorkflowLock):
        return False
    return lock.for_user(user)


def _done(request, series, when, outcome, next_url):
    text = {
        "published": _("The change to %(date)s is published."),
        "submitted": _("The change to %(date)s is submitted for approval."),
        "saved": _("The change to %(date)s is saved as a draft."),
        "withdrawn": _(
            "The change to %(date)s is withdrawn; nothing of this series waits for approval."
        ),
        "withdrawn_others_wait": _(
            "The change to %(date)s is withdrawn; the series' other changes still wait for "
            "approval."
        ),
    }[outcome] % {"date": f"{when:%a %b} {when.day}, {when.year}"}
    messages.success(request, f"“{series.title}”: {text}")
    return redirect(next_url or reverse("wagtailadmin_home"))


def _date_from_query(value):
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def urls():
    return (
        [
            path("", series_list, name="list"),
            path("<int:page_id>/change/", change_date, name="change"),
        ],
        "opeiu_meetings",
    )
