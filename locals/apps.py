from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LocalsConfig(AppConfig):
    name = "locals"
    verbose_name = _("Locals")

    def ready(self):
        from . import signals  # noqa: F401  (connects the provisioning receivers)
