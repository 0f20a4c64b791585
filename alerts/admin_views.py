"""The admin's view of alerts: lists with their subscriber counts, one list's subscribers, the
notices sent and their progress (queued, sent, failed, bounced). Everything is narrowed to
the owner's staff: a local's editors and moderators see their local's lists and notices, the
International's Communications staff the International's; another local's list or notice is
a 404. Superusers see everything."""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from .models import MailingList, Notice, Subscription
from .owners import is_alerts_staff, owners_q
from .sending import progress

PAGE_SIZE = 200

__all__ = ["is_alerts_staff", "owners_q"]


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
