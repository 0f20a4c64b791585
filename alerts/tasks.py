"""The worker's tasks (opeiu_site/core/tasks.py): web requests only enqueue these."""

import contextlib
import datetime as dt
import logging

from django.conf import settings
from django.utils import timezone

from opeiu_site.core.tasks import worker_task

from .sending import send_notice_task

__all__ = ["send_notice_task", "send_confirmation_task", "send_test_alert_task"]

logger = logging.getLogger(__name__)


@worker_task
def send_confirmation_task(subscription_id, attempt=1):
    """The one email a pending address gets: the link that confirms it."""
    from . import mail as alerts_mail
    from .models import Subscription
    from .render import confirmation_message

    subscription = (
        Subscription.objects.select_related("mailing_list").filter(pk=subscription_id).first()
    )
    if subscription is None or subscription.status != Subscription.PENDING:
        return "nothing to send"
    message = confirmation_message(subscription)
    connection = alerts_mail.mailer()
    try:
        connection.send_messages([message])
    except Exception as error:
        if not alerts_mail.is_temporary(error) or attempt >= settings.ALERTS_MAX_ATTEMPTS:
            raise
        if not send_confirmation_task.get_backend().supports_defer:
            raise
        delay = min(
            settings.ALERTS_RETRY_SECONDS * 2 ** (attempt - 1), settings.ALERTS_RETRY_MAX_SECONDS
        )
        logger.warning("confirmation to %s failed (%s); retrying", subscription_id, error)
        send_confirmation_task.using(
            run_after=timezone.now() + dt.timedelta(seconds=delay)
        ).enqueue(subscription_id, attempt + 1)
        return "retrying"
    finally:
        with contextlib.suppress(Exception):  # a dead connection is gone either way
            connection.close()
    return "sent"


@worker_task
def send_test_alert_task(alert_id, email):
    """An action alert's test send to the staff member who asked (their own address): the email
    as subscribers will get it, subject marked [Test], with no list headers."""
    from . import mail as alerts_mail
    from .models import ActionAlert
    from .render import action_alert_preview

    alert = ActionAlert.objects.select_related("action_page", "local").filter(pk=alert_id).first()
    if alert is None or not email:
        return "nothing to send"
    text, html = action_alert_preview(alert)
    message = alerts_mail.AlertMessage(
        f"[Test] {alert.subject}", text, settings.ALERTS_FROM_EMAIL, [email],
        headers={"Auto-Submitted": "auto-generated"},
    )  # fmt: skip
    message.attach_alternative(html, "text/html")
    message.tags = ["alerts", "test"]
    connection = alerts_mail.mailer()
    try:
        connection.send_messages([message])
    finally:
        with contextlib.suppress(Exception):
            connection.close()
    return "sent"
