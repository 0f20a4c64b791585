import sys

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _start_digest_schedule(sender, connection, **kwargs):
    """In a task worker, on its first database connection: make sure the weekly digest task is
    waiting in the queue (alerts.digests: no cron, the task re-enqueues itself)."""
    from django.db.backends.signals import connection_created

    connection_created.disconnect(_start_digest_schedule, dispatch_uid="alerts_digests")
    import logging

    from . import digests

    try:
        at = digests.ensure_scheduled()
    except Exception:  # no tables yet (before migrate): the next worker start does it
        logging.getLogger(__name__).warning("weekly digests not scheduled", exc_info=True)
        return
    if at is not None:
        logging.getLogger(__name__).info("weekly digests scheduled for %s", at.isoformat())


class AlertsConfig(AppConfig):
    name = "alerts"
    verbose_name = _("Email alerts")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals

        signals.connect()
        if len(sys.argv) > 1 and sys.argv[1] == "db_worker":
            from django.db.backends.signals import connection_created

            connection_created.connect(_start_digest_schedule, dispatch_uid="alerts_digests")
