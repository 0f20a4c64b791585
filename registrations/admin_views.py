"""Staff side, in the Wagtail admin: an entry's registration settings (per event, or per date of
a meeting series) and its registrants, with a formula-safe CSV export.

Only someone who may edit the page (its local's editors and moderators, the International's
staff for theirs, superusers) sees or changes anything: everyone else gets 403 before any name
is read, so another local's staff never see a registrant (tests/locals/test_admin_matrix.py
requests these URLs too).
"""

import csv
import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect, StreamingHttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from wagtail.admin.views.mixins import Echo
from wagtail.models import Page

from actions.exports import inert_cell
from opeiu_site.ops.invalidation import tags_for_pages
from opeiu_site.ops.purge import purge

from .forms import SettingsForm
from .models import Registration, RegistrationSettings

SERIES_DATES_OFFERED = 26


def _entry_or_404(request, page_id):
    from events.models import EventPage, MeetingSeriesPage

    page = Page.objects.filter(pk=page_id).first()
    if page is None or page.specific_class not in (EventPage, MeetingSeriesPage):
        raise Http404
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return page.specific


def _date_or_none(page, value):
    """The series date named by `value` (a date of its rule), None for an event; 404 else."""
    if not hasattr(page, "date_changes"):
        return None
    if not value:
        return None
    try:
        date = dt.date.fromisoformat(value)
    except ValueError:
        raise Http404 from None
    if date not in set(page.dates(date)):
        raise Http404
    return date


def upcoming_dates(page):
    today = timezone.localdate()
    horizon = today + dt.timedelta(days=400)
    return [d for d in page.dates(horizon) if d >= today][:SERIES_DATES_OFFERED]


def manage(request, calendar_entry_id):
    page = _entry_or_404(request, calendar_entry_id)
    series = hasattr(page, "date_changes")
    date = _date_or_none(page, request.GET.get("date") or request.POST.get("date"))
    if series and date is None:
        return render(
            request,
            "registrations/admin/series.html",
            {
                "page": page,
                "dates": upcoming_dates(page),
                "rows": RegistrationSettings.objects.filter(page_id=page.pk).order_by("date"),
            },
        )
    row = RegistrationSettings.objects.filter(page_id=page.pk, date=date).first()
    if request.method == "POST":
        form = SettingsForm(request.POST, instance=row)
        if form.is_valid():
            row = form.save(commit=False)
            row.page_id, row.date = page.pk, date
            row.save()
            # The page and the listings it is in ("Registration required", places left).
            purge(tags_for_pages([page]))
            messages.success(request, "Registration settings saved.")
            url = reverse("registrations_manage", args=[page.pk])
            return HttpResponseRedirect(url + (f"?date={date.isoformat()}" if date else ""))
    else:
        form = SettingsForm(instance=row)
    registrations = list(row.registrations.all()) if row else []
    if request.GET.get("export") == "csv" and row is not None:
        return export_csv(page, date, registrations)
    return render(
        request,
        "registrations/admin/manage.html",
        {
            "page": page,
            "date": date,
            "row": row,
            "form": form,
            "registrations": registrations,
            "confirmed": [r for r in registrations if r.status == Registration.Status.CONFIRMED],
            "waitlisted": [r for r in registrations if r.status == Registration.Status.WAITLISTED],
        },
    )


EXPORT_COLUMNS = ["Name", "Email", "Phone", "Status", "Registered at", "Cancelled at"]


def export_csv(page, date, registrations):
    writer = csv.writer(Echo())

    def rows():
        yield writer.writerow(EXPORT_COLUMNS)
        for r in registrations:
            values = [
                r.name,
                r.email,
                r.phone,
                r.get_status_display(),
                timezone.localtime(r.created_at).isoformat(timespec="minutes"),
                timezone.localtime(r.cancelled_at).isoformat(timespec="minutes")
                if r.cancelled_at
                else "",
            ]
            yield writer.writerow([inert_cell(value) for value in values])

    name = f"{page.slug}{'-' + date.isoformat() if date else ''}-registrations.csv"
    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def urls():
    return [path("registrations/<int:calendar_entry_id>/", manage, name="registrations_manage")]
