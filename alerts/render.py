"""What a notice says: rendered once by the worker (subject, text, HTML, .ics), with
placeholders for each recipient's list name and unsubscribe link (alerts.mail)."""

import contextlib
import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from events import ical
from events.models import MeetingSeriesPage

from .mail import LIST_NAME_PLACEHOLDER, UNSUBSCRIBE_PLACEHOLDER, confirm_url, list_headers
from .models import Notice


def _footer_context():
    return {"unsubscribe_url": UNSUBSCRIBE_PLACEHOLDER, "list_name": LIST_NAME_PLACEHOLDER}


def meeting_change_context(notice):
    series = MeetingSeriesPage.objects.filter(pk=notice.series_id).first()
    zone = series.zone if series else dt.UTC
    changes = []
    for change in notice.data.get("changes", []):
        start = dt.datetime.fromisoformat(change["start"]).astimezone(zone)
        changes.append({**change, "start": start, "date": dt.date.fromisoformat(change["date"])})
    return {
        "series": series,
        "title": notice.data.get("title") or (series.title if series else ""),
        "owner": notice.data.get("owner", ""),
        "url": notice.data.get("url", ""),
        "changes": changes,
        "zone": zone,
    }


def meeting_change_subject(context):
    changes = context["changes"]
    if len(changes) == 1:
        change = changes[0]
        what = "cancelled" if change["cancelled"] else "changed"
        return f"{context['title']}: {change['date']:%a, %b} {change['date'].day} {what}"
    return f"{context['title']}: {len(changes)} meeting changes"


def render_notice(notice):
    """Fill the notice's subject, text, HTML and .ics (in place; the caller saves)."""
    if notice.kind == Notice.MEETING_CHANGE:
        context = meeting_change_context(notice)
        notice.subject = meeting_change_subject(context)
        template = "meeting_change"
        series = context["series"]
        if series is not None and series.live:
            notice.ics = ical.build_calendar(
                series.title, series=[series], url_for=lambda page: page.full_url or ""
            ).decode()
    elif notice.kind == Notice.ACTION:
        context = {key: notice.data.get(key, "") for key in ("body", "url", "button", "owner")}
        template = "action"
    elif notice.kind == Notice.DIGEST:
        context = digest_context(notice)
        template = "digest"
    else:
        context = {"body": notice.data.get("body", ""), "url": notice.data.get("url", "")}
        template = "plain"
    context.update(_footer_context(), subject=notice.subject)
    notice.text = render_to_string(f"alerts/email/{template}.txt", context)
    notice.html = render_to_string(f"alerts/email/{template}.html", context)
    return notice


def digest_context(notice):
    data = notice.data
    meetings = []
    for item in data.get("meetings", []):
        start = dt.datetime.fromisoformat(item["start"])
        with contextlib.suppress(KeyError, ValueError, ZoneInfoNotFoundError):
            start = start.astimezone(ZoneInfo(item["zone"]))
        meetings.append({**item, "start": start})
    return {
        "owner": data.get("owner", ""),
        "url": data.get("url", ""),
        "posts": data.get("posts", []),
        "meetings": meetings,
        "closures": [
            {**c, "date": dt.date.fromisoformat(c["date"])} for c in data.get("closures", [])
        ],
    }


def action_alert_data(alert):
    page = alert.action_page
    return {
        "body": alert.text,
        "url": page.full_url or "",
        "button": alert.button,
        "owner": alert.local.title if alert.local_id else "OPEIU",
        "alert": alert.pk,
    }


def action_alert_preview(alert):
    """(text, html) of the email as a subscriber gets it (a sample list name and link)."""
    notice = Notice(kind=Notice.ACTION, subject=alert.subject, data=action_alert_data(alert))
    render_notice(notice)
    list_name = alert.mailing_lists.first()
    sample = {
        UNSUBSCRIBE_PLACEHOLDER: "#unsubscribe-link",
        LIST_NAME_PLACEHOLDER: list_name.name if list_name else "(a list)",
    }
    text, html = notice.text, notice.html
    for placeholder, value in sample.items():
        text, html = text.replace(placeholder, value), html.replace(placeholder, value)
    return text, html


def confirmation_message(subscription):
    context = {"list_name": subscription.mailing_list.name, "url": confirm_url(subscription.token)}
    subject = f"Confirm: {subscription.mailing_list.name}"
    text = render_to_string("alerts/email/confirm.txt", context)
    html = render_to_string("alerts/email/confirm.html", {**context, "subject": subject})
    headers = {"Auto-Submitted": "auto-replied"}
    message = EmailMultiAlternatives(
        subject, text, settings.ALERTS_FROM_EMAIL, [subscription.email], headers=headers
    )
    message.attach_alternative(html, "text/html")
    message.tags = ["alerts", "confirmation"]
    return message


__all__ = ["render_notice", "confirmation_message", "list_headers"]
