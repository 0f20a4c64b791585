"""The admin's calendar import: upload an .ics file (or give an https URL where the deployment
allows it), see what would change, then import as drafts or published pages.

Only staff who may add pages under the calendar get in (everyone else: 403), so a local's
staff import only into their local's calendar; publishing needs the publish permission there,
without it the pages are drafts for someone else to publish.

Importing stores the file and queues it for the task worker (import_jobs.py); the editor
lands on the import's status page, which follows its progress and shows the result. Only
staff who may add pages under the import's calendar see that page (anyone else: 404)."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opeiu_site.core.sections import section_of

from . import import_jobs
from .importer import MAX_BYTES, ImportFileError, fetch, make_plan
from .importer.reading import FOLD_RE, read
from .models import CalendarImport, EventIndexPage
from .sections import section_time_zone


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("iCalendar file (.ics)"), required=False)
    url = forms.URLField(
        label=gettext_lazy("or its https:// address"), required=False, assume_scheme="https"
    )
    content = forms.CharField(widget=forms.HiddenInput, required=False)
    file_name = forms.CharField(widget=forms.HiddenInput, required=False, max_length=255)
    publish = forms.BooleanField(
        label=gettext_lazy("Publish the imported events (otherwise they are saved as drafts)"),
        required=False,
    )

    def __init__(self, *args, can_publish=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not settings.EVENTS_IMPORT_ALLOW_URLS:
            del self.fields["url"]
        if not can_publish:
            del self.fields["publish"]

    def data_bytes(self):
        """The file's bytes: the upload, the previewed content, or the URL's."""
        upload = self.cleaned_data.get("file")
        if upload:
            self.cleaned_data["file_name"] = upload.name
            if upload.size > MAX_BYTES:
                raise ImportFileError(_("The file is too large."))
            return upload.read()
        if self.cleaned_data.get("content"):
            return self.cleaned_data["content"].encode()
        if self.cleaned_data.get("url"):
            return fetch(self.cleaned_data["url"])
        raise ImportFileError(_("Choose a file to import."))


def _text(data):
    """The file as text, once read() has accepted it: unfolded first (a fold may split a
    character's bytes; read() unfolds before decoding too), so it decodes as it did there."""
    return FOLD_RE.sub(b"", data).decode()


def import_calendar(request, calendar_id):
    calendar = get_object_or_404(EventIndexPage, pk=calendar_id)
    permissions = calendar.permissions_for_user(request.user)
    if not permissions.can_add_subpage():
        # A plain 403 (Wagtail would turn PermissionDenied into a redirect to the dashboard).
        return HttpResponseForbidden(_("You cannot add events to this calendar."))
    can_publish = permissions.can_publish_subpage()
    form = ImportForm(can_publish=can_publish)
    context = {"calendar": calendar, "can_publish": can_publish}
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES, can_publish=can_publish)
        if form.is_valid():
            try:
                data = form.data_bytes()
                if "import" in request.POST:
                    publish = can_publish and form.cleaned_data.get("publish", False)
                    # Read it now (every error is said here, naming the line), run it later.
                    read(data, section_time_zone(section_of(calendar)))
                    job = import_jobs.queue(
                        calendar,
                        _text(data),
                        request.user,
                        publish,
                        form.cleaned_data.get("file_name") or "",
                    )
                    return redirect(reverse("events_import_status", args=[job.pk]))
                context["plan"] = make_plan(data, calendar)
                form = ImportForm(
                    initial={
                        "content": _text(data),
                        "publish": form.cleaned_data.get("publish", False),
                        "file_name": form.cleaned_data.get("file_name") or "",
                    },
                    can_publish=can_publish,
                )
            except ImportFileError as error:
                form.add_error(None, str(error))
    context["form"] = form
    context["recent_imports"] = CalendarImport.objects.filter(calendar=calendar)[:5]
    return TemplateResponse(request, "events/admin/import.html", context)


def import_status(request, import_id):
    """One import's progress, then its result or its error; "Start again" (POST) when its
    worker stopped before it finished. The page refreshes itself until the import ends."""
    job = CalendarImport.objects.select_related("calendar", "user").filter(pk=import_id).first()
    # 404, not 403, for other sections' imports: their ids say nothing either.
    if job is None or not job.calendar.permissions_for_user(request.user).can_add_subpage():
        raise Http404
    if request.method == "POST":
        if "restart" in request.POST and import_jobs.restart(job):
            messages.success(request, _("The import was started again."))
        return redirect(reverse("events_import_status", args=[job.pk]))
    totals = job.result.get("totals", {})
    return TemplateResponse(
        request,
        "events/admin/import_status.html",
        {
            "job": job,
            "calendar": job.calendar,
            "totals": totals,
            "warnings": job.result.get("warnings", []),
            "refresh": not job.finished and not job.stalled,
        },
    )
