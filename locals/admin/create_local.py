"""The admin's "New local" view (International moderators): a local with its news, calendar and
benefits pages, groups, collection and workflow, in one step (locals.lifecycle.create_local)."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opeiu_site.core.time_zones import validate_time_zone

from ..choices import LocalKind
from ..lifecycle import create_local, may_manage_locals
from ..models import LocalPage
from ..regions import REGION_CHOICES


class NewLocalForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=LocalKind.choices)
    number = forms.IntegerField(label=gettext_lazy("Number"), min_value=1, max_value=999999)
    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=255,
        required=False,
        help_text=gettext_lazy("Leave blank for “OPEIU Local <number>”."),
    )
    city = forms.CharField(label=gettext_lazy("City"), max_length=100, required=False)
    state_province = forms.ChoiceField(
        label=gettext_lazy("State or province"),
        choices=[("", "—")] + list(REGION_CHOICES),
        required=False,
    )
    email = forms.EmailField(
        label=gettext_lazy("Contact email"),
        required=False,
        help_text=gettext_lazy("The local's forms notify this address."),
    )
    time_zone = forms.CharField(
        label=gettext_lazy("Time zone"),
        initial="America/New_York",
        validators=[validate_time_zone],
    )
    publish = forms.BooleanField(
        label=gettext_lazy("Publish now"),
        required=False,
        help_text=gettext_lazy("Leave unticked to let the local's staff prepare it first."),
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("number")
            and LocalPage.objects.filter(number=data["number"], kind=data.get("kind")).exists()
        ):
            self.add_error("number", _("This local exists already."))
        return data


def new_local(request):
    if not may_manage_locals(request.user):
        return TemplateResponse(
            request, "locals/admin/forbidden.html", {"page_title": _("New local")}, status=403
        )
    form = NewLocalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            local = create_local(user=request.user, **data)
        except ValueError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _(
                    "%(label)s is ready: its pages, staff groups, media collection and approval "
                    "workflow exist. Add people to “%(label)s editors” and “%(label)s moderators”."
                )
                % {"label": local.label},
            )
            return redirect(reverse("wagtailadmin_explore", args=[local.pk]))
    return TemplateResponse(
        request, "locals/admin/new_local.html", {"form": form, "page_title": _("New local")}
    )
