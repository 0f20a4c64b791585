"""Action alerts written by staff: who may write and approve one, the form (every choice checked
on the server), the preview, the test send and the approval that queues its one notice.

- A local's editors and moderators write their local's alerts; the International's
  Communications editors and moderators write the International's (alerts.admin_views.owners_q).
- An alert goes to lists its owner owns (its action team lists, its news, its meeting changes):
  a submitted list id of another owner is a form error, never sent to.
- The call to action is a live, public action page (a sign-up or a petition).
- Approval is the owner's moderators' (the local's moderators group, or Communications
  moderators for the International; superusers). Approving queues ONE notice, on commit, and
  records it on the alert (a one-to-one): approving again, twice at once or after an edit that
  came later sends nothing more. An edit after submission puts the alert back to draft, and an
  approval names the version the moderator saw, so what is sent is what was approved.
"""

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actions.models import ActionPage
from locals.choices import COMMUNICATIONS_MODERATORS
from locals.models import LocalAccess

from .models import ActionAlert, MailingList, Notice
from .owners import INTERNATIONAL_KEY, groups_of, owner_options, owners_q
from .render import action_alert_data


def may_approve(user, alert):
    """A moderator of the alert's owner (or a superuser)."""
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    if alert.local_id is None:
        return user.groups.filter(name=COMMUNICATIONS_MODERATORS).exists()
    return LocalAccess.objects.filter(
        local_id=alert.local_id, moderators_id__in=groups_of(user)
    ).exists()


def alerts_for(user):
    return ActionAlert.objects.filter(owners_q(user))


def action_pages():
    """What the call to action may link: action pages anyone may visit."""
    return ActionPage.objects.live().public().order_by("title")


class ActionAlertForm(forms.ModelForm):
    owner = forms.ChoiceField(label=_("From"), choices=())

    class Meta:
        model = ActionAlert
        fields = ["subject", "text", "action_page", "button", "mailing_lists"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 8}),
            "mailing_lists": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if self.instance.pk:
            # The owner of an alert never changes: its lists are the owner's.
            del self.fields["owner"]
            lists = MailingList.objects.filter(local_id=self.instance.local_id)
        else:
            self.fields["owner"].choices = owner_options(user)
            lists = MailingList.objects.filter(owners_q(user))
        self.fields["mailing_lists"].queryset = lists.select_related("local").order_by(
            "local__title", "name"
        )
        self.fields["mailing_lists"].label_from_instance = lambda item: (
            f"{item.name} ({item.local.title if item.local else 'International'})"
        )
        self.fields["action_page"].queryset = action_pages()

    def clean(self):
        data = super().clean()
        if self.instance.pk:
            local_id = self.instance.local_id
        else:
            owner = data.get("owner")
            local_id = None if owner in (None, INTERNATIONAL_KEY) else int(owner)
        lists = data.get("mailing_lists") or []
        if any(item.local_id != local_id for item in lists):
            self.add_error(
                "mailing_lists", _("Choose lists of the local (or International) it is from.")
            )
        return data

    def save(self, commit=True):
        alert = super().save(commit=False)
        if not alert.pk:
            owner = self.cleaned_data["owner"]
            alert.local_id = None if owner == INTERNATIONAL_KEY else int(owner)
            alert.created_by = self.user
        else:
            alert.version += 1
        # A changed alert is approved again: back to draft until it is submitted.
        alert.status = ActionAlert.DRAFT
        alert.submitted_by = None
        alert.submitted_at = None
        if commit:
            alert.save()
            self.save_m2m()
        return alert


def submit(alert, user):
    updated = ActionAlert.objects.filter(pk=alert.pk, status=ActionAlert.DRAFT).update(
        status=ActionAlert.SUBMITTED, submitted_by=user, submitted_at=timezone.now()
    )
    return bool(updated)


def send_back(alert):
    return bool(
        ActionAlert.objects.filter(pk=alert.pk, status=ActionAlert.SUBMITTED).update(
            status=ActionAlert.DRAFT
        )
    )


def approve(alert_id, user, version):
    """Approve and queue the alert's one notice. Returns the notice, or None when there is
    nothing to send (already sent, not submitted, changed since `version`, no list)."""
    from .meeting_changes import enqueue

    with transaction.atomic():
        alert = ActionAlert.objects.select_for_update().filter(pk=alert_id).first()
        if (
            alert is None
            or alert.status != ActionAlert.SUBMITTED
            or alert.notice_id is not None
            or alert.version != version
        ):
            return None
        lists = list(alert.mailing_lists.all())
        if not lists:
            return None
        notice = Notice.objects.create(
            kind=Notice.ACTION,
            local_id=alert.local_id,
            subject=alert.subject,
            data=action_alert_data(alert),
        )
        notice.mailing_lists.set(lists)
        alert.notice = notice
        alert.status = ActionAlert.SENT
        alert.approved_by = user
        alert.approved_at = timezone.now()
        alert.save(update_fields=["notice", "status", "approved_by", "approved_at"])
        enqueue(notice)
    return notice
