from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = "Members: rosters, sign-in and My union"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The second-factor marks of staff sessions (allauth's signals).
        from . import mfa  # noqa: F401
