"""The admin's view of alerts: lists with their subscriber counts, one list's subscribers, the
notices sent and their progress (queued, sent, failed, bounced). Everything is narrowed to
the owner's staff: a local's editors and moderators see their local's lists and notices, the
International's Communications staff the International's; another local's list or notice is
a 404. Superusers see everything."""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from locals.choices import COMMUNICATIONS_EDITORS, COMMUNICATIONS_MODERATORS
from locals.models import LocalAccess

from .models import MailingList, Notice, Subscription
from .sending import progress

PAGE_SIZE = 200


def owners_q(user, field="local"):
    """Q for the rows (by their `field`, a LocalPage or None) whose owner `user` is staff of."""
    if user.is_active and user.is_superuser:
        return Q()
    groups = list(user.groups.values_list("pk", flat=True))
    local_ids = LocalAccess.objects.filter(
        Q(editors_id__in=groups) | Q(moderators_id__in=groups)
    ).values_list("local_id", flat=True)
    query = Q(**{f"{field}__in": list(local_ids)})
    if user.groups.filter(name__in=[COMMUNICATIONS_EDITORS, COMMUNICATIONS_MODERATORS]).exists():
        query |= Q(**{f"{field}__isnull": True})
    return query


def is_alerts_staff(user):
    if user.is_active and user.is_superuser:
        return True
    from .action_alerts import owner_options

    # The staff of a local or of the International: they write action alerts, see their lists.
    return bool(owner_options(user)) or MailingList.objects.filter(owners_q(user)).exists()


class AlertsView(TemplateView):
    page_title = ""

    def get_context_data(self, **kwargs):
        kwargs.setdefault("page_title", self.page_title)
        return super().get_context_data(**kwargs)


class ListsView(AlertsView):
    template_name = "alerts/admin/lists.html"
    page_title = _("Email lists")

    def get_context_data(self, **kwargs):
        lists = (
            MailingList.objects.filter(owners_q(self.request.user))
            .select_related("local")
            .annotate(
                confirmed=Count("subscriptions", filter=Q(subscriptions__status="confirmed")),
                pending=Count("subscriptions", filter=Q(subscriptions__status="pending")),
            )
            .order_by("local__title", "name")
        )
        query = self.request.GET.get("q", "").strip()[:100]
        if query:
            lists = lists.filter(name__icontains=query)
        return super().get_context_data(lists=lists[:PAGE_SIZE], query=query, **kwargs)


class SubscribersView(AlertsView):
    template_name = "alerts/admin/subscribers.html"

    def get_context_data(self, **kwargs):
        mailing_list = get_object_or_404(
            MailingList.objects.filter(owners_q(self.request.user)), pk=self.kwargs["list_id"]
        )
        subscribers = Subscription.objects.filter(mailing_list=mailing_list).order_by("email")
        query = self.request.GET.get("q", "").strip()[:100]
        if query:
            subscribers = subscribers.filter(email__icontains=query)
        return super().get_context_data(
            mailing_list=mailing_list,
            subscribers=subscribers[:PAGE_SIZE],
            total=subscribers.count(),
            query=query,
            page_title=mailing_list.name,
            **kwargs,
        )


class NoticesView(AlertsView):
    template_name = "alerts/admin/notices.html"
    page_title = _("Email notices")

    def get_context_data(self, **kwargs):
        notices = list(
            Notice.objects.filter(owners_q(self.request.user))
            .select_related("local")
            .annotate(
                **{
                    status: Count("deliveries", filter=Q(deliveries__status=status))
                    for status in ("queued", "sending", "sent", "failed", "bounced", "skipped")
                }
            )
            .order_by("-created_at")[:PAGE_SIZE]
        )
        return super().get_context_data(notices=notices, **kwargs)


class NoticeView(AlertsView):
    template_name = "alerts/admin/notice.html"

    def get_context_data(self, **kwargs):
        notice = get_object_or_404(
            Notice.objects.filter(owners_q(self.request.user)).select_related("local"),
            pk=self.kwargs["notice_id"],
        )
        problems = notice.deliveries.filter(status__in=["failed", "bounced"]).order_by("email")
        return super().get_context_data(
            notice=notice,
            counts=progress(notice),
            problems=problems[:PAGE_SIZE],
            page_title=str(notice),
            **kwargs,
        )
