"""The host's check-in page (checkin.py says what the link is): the registrants of one event or
date with a search box, one button per person to check them in or undo it, and a walk-in form.
Plain forms and POST-redirect-GET, so it works without JavaScript; never cached, never indexed,
and the address (the key) is not sent on to other sites (Referrer-Policy: same-origin; not
"no-referrer", with which browsers send "Origin: null" on the form posts and CSRF refuses them)."""

from urllib.parse import urlencode

from django import forms
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from . import checkin
from .models import Registration


class WalkInForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("Email"), max_length=254, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_walkin_%s")
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "off"
        self.fields["email"].widget.attrs["autocomplete"] = "off"
        self.fields["phone"].widget.attrs.update(type="tel", autocomplete="off")


def _no_referrer(response):
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _link_or_gone(request, token):
    """(link, None) for a live link; (None, response) for a revoked or expired one; 404 else."""
    try:
        link = checkin.link_for_token(token)
    except checkin.LinkGone as gone:
        page = gone.link.settings.page.specific
        context = {"reason": gone.reason, "page": page, "date": gone.link.settings.date}
        return None, _no_referrer(
            render(request, "registrations/checkin_gone.html", context, status=410)
        )
    if link is None:
        raise Http404
    return link, None


def masked_email(email):
    """ "j…@example.org": enough for the host to tell two people of one name apart."""
    local, _, domain = email.partition("@")
    if not local or not domain:
        return ""
    return f"{local[0]}…@{domain}"


def _page_url(token, query="", **params):
    url = reverse("registrations:checkin", args=[token])
    if query:
        params["q"] = query
    return url + ("?" + urlencode(params) if params else "")


@never_cache
@require_http_methods(["GET", "POST"])
def checkin_view(request, token):
    link, gone = _link_or_gone(request, token)
    if gone:
        return gone
    settings = link.settings
    query = (request.POST.get("q") if request.method == "POST" else request.GET.get("q")) or ""
    query = query.strip()[:100]
    if request.method == "POST":
        try:
            registration_id = int(request.POST.get("registration", ""))
        except ValueError:
            registration_id = None
        action = request.POST.get("action")
        registration = None
        if registration_id is not None and action in ("check-in", "undo"):
            registration = checkin.check_in(settings, registration_id, undo=action == "undo")
        if registration is None:
            raise Http404
        done = "checked" if action == "check-in" else "undone"
        url = _page_url(token, query, **{done: registration.pk})
        return HttpResponseRedirect(f"{url}#r{registration.pk}")
    return _render(request, link, token, query, WalkInForm())


@never_cache
@require_http_methods(["POST"])
def walk_in_view(request, token):
    link, gone = _link_or_gone(request, token)
    if gone:
        return gone
    form = WalkInForm(request.POST)
    if not form.is_valid():
        return _render(request, link, token, "", form, status=400)
    registration, created = checkin.add_walk_in(link.settings, **form.cleaned_data)
    params = {"walked_in" if created else "checked": registration.pk}
    return HttpResponseRedirect(f"{_page_url(token, **params)}#r{registration.pk}")


def _notice(request, people):
    """What the last action did, read from the redirect's query string."""
    for key, text in (
        ("checked", "checked in"),
        ("undone", "no longer checked in"),
        ("walked_in", "added as a walk-in and checked in"),
    ):
        try:
            pk = int(request.GET.get(key, ""))
        except ValueError:
            continue
        person = next((p for p in people if p.pk == pk), None)
        if person is not None:
            return {"person": person, "text": text, "undo": key != "undone"}
    return None


def _render(request, link, token, query, form, status=200):
    settings = link.settings
    everyone = list(checkin.present(settings).order_by("name", "pk"))
    people = everyone
    if query:
        found = checkin.present(settings).filter(
            Q(name__icontains=query) | Q(email__icontains=query) | Q(phone__icontains=query)
        )
        ids = set(found.values_list("pk", flat=True))
        people = [p for p in everyone if p.pk in ids]
    for person in people:
        person.masked_email = masked_email(person.email)
    confirmed = [p for p in everyone if p.status == Registration.Status.CONFIRMED]
    context = {
        "page": settings.page.specific,
        "date": settings.date,
        "entry": settings,  # not "settings": Wagtail's site settings (the header) go by that name
        "token": token,
        "query": query,
        "registered": [p for p in people if p.status == Registration.Status.CONFIRMED],
        "waitlisted": [p for p in people if p.status == Registration.Status.WAITLISTED],
        "counts": {
            "registered": len(confirmed),
            "checked_in": sum(1 for p in everyone if p.checked_in_at),
            "walk_ins": sum(1 for p in everyone if p.walk_in),
        },
        "notice": _notice(request, everyone),
        "form": form,
        "expires_at": checkin.link_expires_at(settings),
    }
    response = render(request, "registrations/checkin.html", context, status=status)
    return _no_referrer(response)
