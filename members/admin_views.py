"""The roster in the Wagtail admin, under /admin/roster/: a local's roster (search, pages,
export), its import (upload, map the columns, preview, confirm), the import history, removing
a member, and the review of verification requests.

Only the local's staff (its editors and moderators) and the International's staff get in
(`locals.admin.scope`); any other local, or another local's row, upload or request named in a
URL, is a 404: the URL says nothing about what exists elsewhere.
"""

import datetime as dt

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from locals.admin.scope import scope_for_request
from locals.models import LocalPage

from . import roster, verify
from .exports import export_response
from .membership import forget_verifications, revoke
from .models import (
    ROSTER_FIELDS,
    Membership,
    RosterEntry,
    RosterImport,
    RosterMapping,
    RosterStatus,
    RosterUpload,
    VerificationRequest,
    VerificationStatus,
)

PER_PAGE = 50
SHOWN = 100  # rows of each preview list; the counts say how many there are in all
UPLOAD_LIFETIME = dt.timedelta(days=1)


def staff_locals(request):
    """The locals whose roster the request's user works on: the International's staff, all."""
    scope = scope_for_request(request)
    if scope.international:
        return LocalPage.objects.all()
    return LocalPage.objects.filter(pk__in=[s.page_id for s in scope.sections if s.is_local])


def _local(request, local_id):
    return get_object_or_404(staff_locals(request).order_by(), pk=local_id)


def _pending(local):
    return VerificationRequest.objects.filter(local=local, status=VerificationStatus.PENDING)


def _context(request, local, title, **extra):
    return {
        "local": local,
        "page_title": title,
        "pending_count": _pending(local).count(),
        **extra,
    }


# --- The roster ---------------------------------------------------------------------------------


def roster_index(request):
    """The locals the person works on; straight to the roster when there is one."""
    locals_ = list(staff_locals(request).order_by("number", "kind"))
    if len(locals_) == 1:
        return redirect("members_roster:list", locals_[0].pk)
    return TemplateResponse(
        request,
        "members/admin/index.html",
        {"locals": locals_, "page_title": _("Rosters")},
    )


class SearchForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Search"), required=False, max_length=200)
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[("", gettext_lazy("any status")), *RosterStatus.choices],
    )


def roster_list(request, local_id):
    local = _local(request, local_id)
    form = SearchForm(request.GET)
    entries = RosterEntry.objects.filter(local=local)
    if form.is_valid():
        for word in form.cleaned_data["q"].split():
            entries = entries.filter(
                Q(member_number__icontains=word)
                | Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(email__icontains=word)
                | Q(employer__icontains=word)
                | Q(unit__icontains=word)
                | Q(worksite__icontains=word)
            )
        if form.cleaned_data["status"]:
            entries = entries.filter(status=form.cleaned_data["status"])
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("p"))
    query = request.GET.copy()
    query.pop("p", None)
    return TemplateResponse(
        request,
        "members/admin/list.html",
        _context(
            request,
            local,
            _("Roster"),
            form=form,
            page=page,
            query=query.urlencode(),
            total=RosterEntry.objects.filter(local=local).count(),
            last_import=RosterImport.objects.filter(local=local).first(),
        ),
    )


def roster_export(request, local_id):
    local = _local(request, local_id)
    kind = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
    entries = RosterEntry.objects.filter(local=local).order_by("member_number")
    rows = entries.values_list(*ROSTER_FIELDS).iterator(chunk_size=2000)
    today = timezone.localdate()
    name = f"roster-{local.slug}-{today:%Y-%m-%d}.{kind}"
    headings = [roster.field_label(name) for name in ROSTER_FIELDS]
    return export_response(kind, name, headings, rows)


def roster_history(request, local_id):
    local = _local(request, local_id)
    imports = RosterImport.objects.filter(local=local).select_related("user")
    page = Paginator(imports, PER_PAGE).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "members/admin/history.html",
        _context(request, local, _("Roster imports"), page=page),
    )


def entry_delete(request, local_id, entry_id):
    """Remove a member from the roster: their row, the memberships it gave, and their
    verification requests to this local (by account, email or member number), pending or not."""
    local = _local(request, local_id)
    entry = get_object_or_404(RosterEntry, local=local, pk=entry_id)
    if request.method == "POST":
        with transaction.atomic():
            linked = Membership.objects.filter(local=local, roster_entry=entry)
            for membership in list(linked.select_related("user")):
                revoke(membership.user, local)
                forget_verifications(local, user=membership.user)
            forget_verifications(local, email=entry.email, member_number=entry.member_number)
            entry.delete()
        messages.success(
            request,
            _("%(member)s is removed from the roster.") % {"member": entry.member_number},
        )
        return redirect("members_roster:list", local.pk)
    return TemplateResponse(
        request,
        "members/admin/delete.html",
        _context(
            request,
            local,
            _("Remove from the roster"),
            entry=entry,
            memberships=Membership.objects.filter(local=local, roster_entry=entry).count(),
        ),
    )


# --- The import ---------------------------------------------------------------------------------


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Roster file (.csv or .xlsx)"),
        help_text=gettext_lazy(
            "The export of your membership system, with a heading row. Nothing changes until "
            "you have seen the preview and confirmed it."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > roster.MAX_BYTES:
            raise forms.ValidationError(_("The file is too large (40 MB at most)."))
        if not upload.name.lower().endswith(roster.ACCEPTED_EXTENSIONS):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        data = upload.read()
        try:
            self.roster_file = roster.read_roster_file(data, upload.name)
        except roster.RosterFileError as error:
            raise forms.ValidationError(str(error)) from error
        self.data_bytes = data
        return upload


def roster_upload(request, local_id):
    local = _local(request, local_id)
    form = UploadForm()
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            stale = Q(local=local, user=request.user) | Q(
                created_at__lt=timezone.now() - UPLOAD_LIFETIME
            )
            RosterUpload.objects.filter(stale).delete()
            upload = RosterUpload.objects.create(
                local=local,
                user=request.user,
                file_name=form.cleaned_data["file"].name[:255],
                content=form.data_bytes,
            )
            return redirect("members_roster:preview", local.pk, upload.token)
    return TemplateResponse(
        request,
        "members/admin/upload.html",
        _context(request, local, _("Import the roster"), form=form),
    )


class MappingForm(forms.Form):
    """Which column of the file holds each roster field."""

    def __init__(self, *args, headings=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("(not in this file)"))] + [(h, h) for h in headings]
        for name in ROSTER_FIELDS:
            self.fields[name] = forms.ChoiceField(
                label=roster.field_label(name)[:1].upper() + roster.field_label(name)[1:],
                choices=choices,
                required=name == "member_number",
                error_messages={"required": _("Choose the column of the member numbers.")},
            )

    def mapping(self):
        return {name: self.cleaned_data[name] for name in ROSTER_FIELDS if self.cleaned_data[name]}


def _upload(request, local, token):
    return get_object_or_404(
        RosterUpload,
        token=token,
        local=local,
        user=request.user,
        created_at__gte=timezone.now() - UPLOAD_LIFETIME,
    )


class _NotApplied(Exception):
    def __init__(self, message, plan):
        super().__init__(message)
        self.message, self.plan = message, plan


def _apply(request, local, upload, roster_file, mapping):
    """Apply the upload as previewed, or raise _NotApplied (nothing changed).

    One import of a local at a time: the local's mapping row is locked (PostgreSQL; SQLite
    has one writer anyway), the upload is taken (a second click finds it gone) and the plan is
    made again under the lock; it must be the one the person saw (its digest). Raising inside
    the transaction rolls the taken upload back."""
    with transaction.atomic():
        list(RosterMapping.objects.select_for_update().filter(local=local))
        if not RosterUpload.objects.filter(pk=upload.pk).delete()[0]:
            raise Http404  # applied meanwhile, by another click
        plan = roster.make_plan(local, roster_file, mapping)
        if request.POST.get("digest") != plan.digest():
            raise _NotApplied(
                _(
                    "The columns or the roster changed since the preview: check what would "
                    "change now, then confirm again."
                ),
                plan,
            )
        if not plan.applicable:
            raise _NotApplied(_("The file has no row that can be imported."), plan)
        return roster.apply_plan(local, plan, user=request.user, file_name=upload.file_name)


def roster_preview(request, local_id, token):
    """Map the columns (remembered for the local), see what would change, confirm."""
    local = _local(request, local_id)
    upload = _upload(request, local, token)
    try:
        roster_file = roster.read_roster_file(bytes(upload.content), upload.file_name)
    except roster.RosterFileError as error:  # read when uploaded; kept for safety
        upload.delete()
        messages.error(request, str(error))
        return redirect("members_roster:upload", local.pk)
    headings = roster_file.usable_headings
    guessed = roster.guess_mapping(headings, roster.saved_mapping(local))
    plan = None
    if request.method == "POST":
        form = MappingForm(request.POST, headings=headings)
        if form.is_valid():
            mapping = form.mapping()
            roster.remember_mapping(local, mapping)
            if request.POST.get("action") == "confirm":
                try:
                    record = _apply(request, local, upload, roster_file, mapping)
                except _NotApplied as refusal:
                    messages.warning(request, refusal.message)
                    plan = refusal.plan
                else:
                    messages.success(
                        request,
                        _(
                            "Roster imported: %(added)d added, %(changed)d changed, %(lapsed)d "
                            "lapsed, %(refused)d refused."
                        )
                        % {
                            "added": record.added,
                            "changed": record.changed,
                            "lapsed": record.lapsed,
                            "refused": record.refused,
                        },
                    )
                    return redirect("members_roster:history", local.pk)
            else:
                plan = roster.make_plan(local, roster_file, mapping)
    else:
        form = MappingForm(initial=guessed, headings=headings)
        if guessed.get("member_number"):
            plan = roster.make_plan(local, roster_file, guessed)
    return TemplateResponse(
        request,
        "members/admin/preview.html",
        _context(
            request,
            local,
            _("Roster preview"),
            form=form,
            upload=upload,
            plan=plan,
            shown=SHOWN,
            lists=_preview_lists(plan) if plan else [],
        ),
    )


def _preview_lists(plan):
    return [
        ("added", _("Added"), plan.added[:SHOWN], len(plan.added)),
        ("changed", _("Changed"), plan.changed[:SHOWN], len(plan.changed)),
        ("lapsed", _("Lapsed"), plan.lapsed[:SHOWN], len(plan.lapsed)),
    ]


# --- Verification requests ---------------------------------------------------------------------


def _roster_match(local, item):
    """The roster row the request names, and what the staff should know about it."""
    entry = RosterEntry.objects.filter(local=local, member_number=item.member_number).first()
    if entry is None:
        return None, _("no roster row has this member number")
    same_name = entry.last_name.strip().lower() == item.last_name.strip().lower()
    zip_ = entry.postal_code.replace(" ", "").upper()[:5]
    same_zip = zip_ == item.postal_code.replace(" ", "").upper()[:5]
    if same_name and same_zip:
        status = entry.get_status_display()
        return entry, _("matches the roster (%(status)s)") % {"status": status}
    return None, _("the member number is on the roster, but the last name or ZIP differ")


def verification_list(request, local_id):
    local = _local(request, local_id)
    pending = list(_pending(local).order_by("created_at"))
    rows = [(item, *_roster_match(local, item)) for item in pending]
    reviewed = (
        VerificationRequest.objects.filter(local=local)
        .exclude(status=VerificationStatus.PENDING)
        .select_related("reviewed_by")
        .order_by("-reviewed_at")[:20]
    )
    return TemplateResponse(
        request,
        "members/admin/verification.html",
        _context(request, local, _("Verification requests"), rows=rows, reviewed=reviewed),
    )


def verification_review(request, local_id, request_id):
    """Approve (the person becomes a member of the local) or refuse a pending request."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    local = _local(request, local_id)
    item = get_object_or_404(VerificationRequest, local=local, pk=request_id)
    action = request.POST.get("action")
    if action not in ("approve", "refuse"):
        raise Http404
    with transaction.atomic():
        # Locked, so two reviewers clicking at once review it once.
        item = VerificationRequest.objects.select_for_update().get(pk=item.pk)
        claimed = item.status == VerificationStatus.PENDING
        if claimed and action == "approve":
            entry, _note = _roster_match(local, item)
            verify.approve(item, request.user, entry=entry)
        elif claimed:
            verify.refuse(item, request.user)
        if claimed:
            sign_in = request.build_absolute_uri(reverse("account_request_login_code"))
            verify.enqueue_decision_mail(item, sign_in)
    who = item.email
    if not claimed:
        messages.warning(request, _("This request was already reviewed."))
    elif action == "approve":
        messages.success(
            request, _("%(who)s is now a member of %(local)s.") % {"who": who, "local": local}
        )
    else:
        messages.success(request, _("The request of %(who)s is refused.") % {"who": who})
    return redirect("members_roster:verification", local.pk)


def urls():
    return (
        [
            path("", roster_index, name="index"),
            path("<int:local_id>/", roster_list, name="list"),
            path("<int:local_id>/export/", roster_export, name="export"),
            path("<int:local_id>/import/", roster_upload, name="upload"),
            path("<int:local_id>/import/<str:token>/", roster_preview, name="preview"),
            path("<int:local_id>/history/", roster_history, name="history"),
            path("<int:local_id>/members/<int:entry_id>/remove/", entry_delete, name="remove"),
            path("<int:local_id>/verification/", verification_list, name="verification"),
            path(
                "<int:local_id>/verification/<int:request_id>/",
                verification_review,
                name="review",
            ),
        ],
        "members_roster",
    )
