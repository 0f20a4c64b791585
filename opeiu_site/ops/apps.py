from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Production plumbing: the page cache and its invalidation, security helpers, backups."""

    name = "opeiu_site.ops"
    label = "ops"
    verbose_name = "Operations"

    def ready(self):
        from . import checks, invalidation  # noqa: F401  (registers checks)

        # Listed after wagtail.snippets in INSTALLED_APPS: every snippet is registered by now.
        invalidation.connect()
