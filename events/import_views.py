"""The admin's calendar import: upload an .ics file (or give an https URL where the deployment
allows it), see what would change, then import as drafts or published pages.

Only staff who may add pages under the calendar get in (everyone else: 403), so a local's
staff import only into their local's calendar; publishing needs the publish permission there,
without it the pages are drafts for someone else to publish."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .importer import MAX_BYTES, ImportFileError, fetch, make_plan, run_import
from .models import EventIndexPage


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("iCalendar file (.ics)"), required=False)
    url = forms.URLField(
        label=gettext_lazy("or its https:// address"), required=False, assume_scheme="https"
    )
    content = forms.CharField(widget=forms.HiddenInput, required=False)
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
            if upload.size > MAX_BYTES:
                raise ImportFileError(_("The file is too large."))
            return upload.read()
        if self.cleaned_data.get("content"):
            return self.cleaned_data["content"].encode()
        if self.cleaned_data.get("url"):
            return fetch(self.cleaned_data["url"])
        raise ImportFileError(_("Choose a file to import."))


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
                    # run_import takes plain values, so it can move to the task worker as is.
                    try:
                        content = data.decode()
                    except UnicodeDecodeError:
                        make_plan(data, calendar)  # raises the error naming the line
                        raise
                    totals = run_import(calendar.pk, content, request.user.pk, publish=publish)
                    messages.success(
                        request,
                        _("Imported: %(created)d created, %(updated)d updated.")
                        % {"created": totals["create"], "updated": totals["update"]},
                    )
                    return redirect(reverse("wagtailadmin_explore", args=[calendar.pk]))
                context["plan"] = make_plan(data, calendar)
                form = ImportForm(
                    initial={
                        "content": data.decode("utf-8", "replace"),
                        "publish": form.cleaned_data.get("publish", False),
                    },
                    can_publish=can_publish,
                )
            except ImportFileError as error:
                form.add_error(None, str(error))
    context["form"] = form
    return TemplateResponse(request, "events/admin/import.html", context)
