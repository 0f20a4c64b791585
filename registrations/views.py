"""The public side: the registration form's POST and the cancel link (no sign-in)."""

from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from . import services, tokens
from .access import is_member_for
from .forms import RegistrationForm, answers_of, questions_form
from .models import Registration, RegistrationQuestion, RegistrationSettings


def entry_end(page, date):
    """When the event (or the series' date) ends; registering stops then at the latest."""
    if date is None:
        return page.ends_at
    return page.original_start(date) + page.duration


def entry_over(page, date, now=None):
    """Is the event (or the series' date) cancelled or over? Nobody registers then."""
    from events.choices import EventStatus

    if entry_end(page, date) <= (now or timezone.now()):
        return True
    if date is None:
        return page.status == EventStatus.CANCELLED
    return page.date_changes.filter(date=date, cancelled=True).exists()


def _visible(page, request):
    if not page.live:
        return False
    return all(r.accept_request(request) for r in page.get_view_restrictions())


def _settings_or_404(value):
    try:
        pk = int(value)
    except (TypeError, ValueError):
        raise Http404 from None
    settings = RegistrationSettings.objects.select_related("page").filter(pk=pk).first()
    if settings is None:
        raise Http404
    return settings


def _one_click_details(request, page):
    """A signed-in member of the entry's local who pressed "Register (as NAME, EMAIL)": their
    account's name and email, no form. None for everyone else (the form applies)."""
    user = request.user
    if not request.POST.get("as_member") or not user.is_authenticated or not user.email:
        return None
    if not is_member_for(user, page):
        return None
    return {"name": user.get_full_name() or user.email, "email": user.email, "phone": ""}


@never_cache
@require_http_methods(["GET", "POST"])
def register_view(request):
    settings = _settings_or_404(request.POST.get("settings") or request.GET.get("settings"))
    page = settings.page.specific
    if not _visible(page, request):
        raise Http404
    if request.method == "GET":
        return HttpResponseRedirect(page.url)
    # "entry", not "settings": that is Wagtail's site settings, which the header reads.
    context = {"page": page, "date": settings.date, "entry": settings}
    if settings.is_closed() or entry_over(page, settings.date):
        return render(request, "registrations/closed.html", context, status=409)
    if settings.members_only and not is_member_for(request.user, page):
        return render(request, "registrations/members_only.html", context, status=403)
    details = _one_click_details(request, page)
    questions = questions_form(
        RegistrationQuestion.objects.filter(page_id=page.pk), request.POST, auto_id="id_q_%s"
    )
    # A member's one click carries no answers: with a required question it is refused (the
    # box does not offer it then) and the member answers on the form, filled in.
    form = RegistrationForm(request.POST) if details is None else RegistrationForm(initial=details)
    valid = details is not None or form.is_valid()
    if questions is not None and not questions.is_valid():
        valid = False
    if not valid:
        context.update(form=form, questions=questions)
        return render(request, "registrations/form_page.html", context, status=400)
    if details is None:
        details = {key: form.cleaned_data[key] for key in ("name", "email", "phone")}
    try:
        registration, created = services.register(
            settings.pk,
            **details,
            answers=answers_of(questions),
            user=request.user if request.user.is_authenticated else None,
        )
    except services.RegistrationClosed:
        return render(request, "registrations/closed.html", context, status=409)
    context.update(registration=registration, created=created)
    return render(request, "registrations/done.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def cancel_view(request, token):
    registration = tokens.registration_for_token(token)
    if registration is None:
        raise Http404
    page = registration.settings.page.specific
    context = {"registration": registration, "page": page, "date": registration.settings.date}
    if request.method == "POST" and registration.status != Registration.Status.CANCELLED:
        services.cancel(registration.pk)
        registration.refresh_from_db()
        context["just_cancelled"] = True
    return render(request, "registrations/cancel.html", context)
