"""Staff side, in the Wagtail admin: an entry's registration settings (per event, or per date of
a meeting series), its registrants and who attended, the host's check-in link (made and
revoked here), and a formula-safe CSV or XLSX export.

Only someone who may edit the page (its local's editors and moderators, the International's
staff for theirs, superusers) sees or changes anything: everyone else gets a 404 before any
name is read, so another local's staff never see a registrant, nor learn that the entry takes
registrations (tests/locals/test_admin_matrix.py requests these URLs too).
"""

import datetime as dt

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from wagtail.models import Page

from opeiu_site.ops.invalidation import tags_for_pages
from opeiu_site.ops.purge import purge

from . import checkin, exports
from .forms import QuestionForm, SettingsForm, answer_text
from .models import Registration, RegistrationQuestion, RegistrationSettings

SERIES_DATES_OFFERED = 26


def _entry_or_404(request, page_id):
    from events.models import EventPage, MeetingSeriesPage

    page = Page.objects.filter(pk=page_id).first()
    if page is None or page.specific_class not in (EventPage, MeetingSeriesPage):
        raise Http404
    if not page.permissions_for_user(request.user).can_edit():
        raise Http404
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
                **_questions_context(page),
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
    questions = list(RegistrationQuestion.objects.filter(page_id=page.pk))
    for r in registrations:
        r.answer_cells = [answer_text(r.answers.get(q.clean_name)) for q in questions]
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
            "attended": [r for r in registrations if r.checked_in_at],
            "walk_ins": [r for r in registrations if r.walk_in],
            "erased": any(r.erased_at for r in registrations),
            "date_query": f"?date={date.isoformat()}" if date else "",
            **_link_context(request, row),
            **_questions_context(page, questions),
        },
    )


def _questions_context(page, questions=None, form=None):
    if questions is None:
        questions = list(RegistrationQuestion.objects.filter(page_id=page.pk))
    return {"questions": questions, "question_form": form or QuestionForm(page=page)}


@require_POST
def questions(request, calendar_entry_id):
    """Add a question to the entry's registration form, delete one, or move one up (for an
    event, or a meeting series: all its dates share the questions)."""
    page = _entry_or_404(request, calendar_entry_id)
    url = reverse("registrations_manage", args=[page.pk]) + "#questions"
    action = request.POST.get("action")
    if action == "add":
        form = QuestionForm(request.POST, page=page)
        if not form.is_valid():
            messages.error(request, "The question was not added: see the errors below.")
            return render(
                request,
                "registrations/admin/questions_invalid.html",
                {"page": page, **_questions_context(page, form=form)},
                status=400,
            )
        question = form.save(commit=False)
        question.page_id = page.pk
        question.save()
        messages.success(request, "Question added.")
        return HttpResponseRedirect(url)
    question = _question_or_404(page, request.POST.get("question"))
    if action == "delete":
        question.delete()
        messages.success(request, "Question deleted. The answers given to it stay in the rows.")
    elif action == "up":
        listed = list(RegistrationQuestion.objects.filter(page_id=page.pk))
        index = listed.index(question)
        if index > 0:
            listed[index - 1], listed[index] = listed[index], listed[index - 1]
            for order, item in enumerate(listed):
                item.sort_order = order
            RegistrationQuestion.objects.bulk_update(listed, ["sort_order"])
    else:
        raise Http404
    return HttpResponseRedirect(url)


def _question_or_404(page, value):
    try:
        pk = int(value)
    except (TypeError, ValueError):
        raise Http404 from None
    question = RegistrationQuestion.objects.filter(page_id=page.pk, pk=pk).first()
    if question is None:
        raise Http404
    return question


def _link_context(request, row):
    """The check-in link's state; its address only right after it was made (it is stored
    hashed, so it cannot be shown again)."""
    if row is None:
        return {}
    link = checkin.active_link(row)
    new_url = request.session.pop(_new_link_key(row), None) if link else None
    return {
        "checkin_link": link,
        "checkin_url": new_url,
        "checkin_expires_at": checkin.link_expires_at(row),
        "checkin_over": timezone.now() >= checkin.link_expires_at(row),
    }


def _new_link_key(row):
    return f"registrations:new-checkin-link:{row.pk}"


def _row_or_404(request, calendar_entry_id):
    page = _entry_or_404(request, calendar_entry_id)
    date = _date_or_none(page, request.GET.get("date") or request.POST.get("date"))
    if hasattr(page, "date_changes") and date is None:
        raise Http404
    row = RegistrationSettings.objects.filter(page_id=page.pk, date=date).first()
    if row is None:
        raise Http404
    return page, date, row


@require_POST
def checkin_link(request, calendar_entry_id):
    """Make a new host link (the old one stops working) or revoke the current one."""
    page, date, row = _row_or_404(request, calendar_entry_id)
    action = request.POST.get("action")
    if action == "create":
        if timezone.now() >= checkin.link_expires_at(row):
            messages.error(request, "This event is over: a check-in link would not work.")
        else:
            _link, token = checkin.create_link(row, request.user)
            url = request.build_absolute_uri(reverse("registrations:checkin", args=[token]))
            request.session[_new_link_key(row)] = url
            messages.success(request, "Check-in link made. Copy it now: it is shown only once.")
    elif action == "revoke":
        if checkin.revoke_links(row):
            messages.success(request, "Check-in link turned off.")
    else:
        raise Http404
    url = reverse("registrations_manage", args=[page.pk])
    return HttpResponseRedirect(url + (f"?date={date.isoformat()}" if date else "") + "#check-in")


def export(request, calendar_entry_id):
    """The registrants with their attendance, as CSV (`?format=csv`) or XLSX."""
    page, date, row = _row_or_404(request, calendar_entry_id)
    kind = request.GET.get("format", "csv")
    if kind not in ("csv", "xlsx"):
        raise Http404
    stem = f"{page.slug}{'-' + date.isoformat() if date else ''}-registrations"
    questions = list(RegistrationQuestion.objects.filter(page_id=page.pk))
    return exports.export_response(kind, stem, list(row.registrations.all()), questions)


def urls():
    return [
        path("registrations/<int:calendar_entry_id>/", manage, name="registrations_manage"),
        path(
            "registrations/<int:calendar_entry_id>/check-in-link/",
            checkin_link,
            name="registrations_checkin_link",
        ),
        path("registrations/<int:calendar_entry_id>/export/", export, name="registrations_export"),
        path(
            "registrations/<int:calendar_entry_id>/questions/",
            questions,
            name="registrations_questions",
        ),
    ]
